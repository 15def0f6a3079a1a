// Template-generated items: one seed line per item, expanded with the department's profile into
// business types whose guide parts (time limits, online depth, materials, questions) agree.
import { DEPARTMENTS, department } from "./departments.js";
import { PROFILES_1 } from "./dept-profiles-1.js";
import { PROFILES_2 } from "./dept-profiles-2.js";
import { PROFILES_3 } from "./dept-profiles-3.js";
import type { DeptProfile } from "./dept-profile-types.js";
import { faqsFor } from "./generated-faqs.js";
import { conditionFor, flowFor, materialsFor, type Flavor, type TextContext } from "./generated-text.js";
import type { ItemSeed } from "./item-seed.js";
import { SEEDS_1 } from "./item-seeds-1.js";
import { SEEDS_2 } from "./item-seeds-2.js";
import { SEEDS_3 } from "./item-seeds-3.js";
import { SEEDS_4 } from "./item-seeds-4.js";
import { PATTERNS, guessResult, type VariantKind } from "./patterns.js";
import { rngFor, type Rng } from "./prng.js";
import { transactAddr } from "./codes.js";
import type { BusinessType, Item, OnlineDepth } from "./types.js";

const PROFILES: Record<string, DeptProfile> = { ...PROFILES_1, ...PROFILES_2, ...PROFILES_3 };
const SEEDS: Record<string, ItemSeed[]> = { ...SEEDS_1, ...SEEDS_2, ...SEEDS_3, ...SEEDS_4 };

export interface SeedRef {
  dept: string;
  index: number;
  seed: ItemSeed;
}

export function seedRefs(): SeedRef[] {
  return DEPARTMENTS.flatMap((dep) => (SEEDS[dep.key] ?? []).map((seed, index) => ({ dept: dep.key, index, seed })));
}

function profileOf(dept: string): DeptProfile {
  const profile = PROFILES[dept];
  if (!profile) throw new Error(`no profile for department ${dept}`);
  return profile;
}

/** How many business types each item gets, so that the catalog totals exactly `target`. */
export function planCounts(refs: readonly SeedRef[], target: number): number[] {
  const counts = refs.map((ref) => {
    const pattern = PATTERNS[ref.seed.pattern];
    return rngFor(`count:${ref.dept}:${ref.seed.name}`).int(pattern.min, pattern.max);
  });
  const order = rngFor("balance").pickSome(refs.map((_, i) => i), refs.length);
  let diff = target - counts.reduce((a, b) => a + b, 0);
  while (diff !== 0) {
    let moved = false;
    for (const i of order) {
      const ref = refs[i];
      const count = counts[i];
      if (!ref || count === undefined || diff === 0) continue;
      const pattern = PATTERNS[ref.seed.pattern];
      if (diff > 0 && count < pattern.max) {
        counts[i] = count + 1;
        diff--;
        moved = true;
      } else if (diff < 0 && count > pattern.min) {
        counts[i] = count - 1;
        diff++;
        moved = true;
      }
    }
    if (!moved) throw new Error(`cannot reach ${target} business types`);
  }
  return counts;
}

function instantChance(seed: ItemSeed, kind: VariantKind, flavor: Flavor): number {
  if (seed.pattern === "marriage") return 1;
  switch (kind) {
    case "change":
      return 0.5;
    case "renew":
      return 0.3;
    case "cancel":
      return 0.75;
    case "reissue":
      return 0.8;
    case "extend":
      return 0;
    case "new":
      if (seed.type === "20") return 0.75;
      if (seed.type === "07") return 0.3;
      if (seed.type === "10") return seed.pattern === "file" ? 0.7 : seed.pattern === "recog" ? 0 : 0.25;
      return flavor === "person" ? 0.15 : flavor === "project" ? 0 : 0.08;
  }
}

function lawDaysFor(seed: ItemSeed, kind: VariantKind, rng: Rng): number {
  if (seed.type === "20") return 10;
  if (seed.pattern === "marriage") return 1;
  if (seed.pattern === "file") return 5;
  if (seed.pattern === "recog" && kind === "new") return 60;
  if (kind === "new") return seed.lawDays ?? rng.pick([20, 20, 20, 20, 30]);
  return 20;
}

interface ItemTraits {
  seed: ItemSeed;
  profile: DeptProfile;
  flavor: Flavor;
  result: { type: BusinessType["resultType"]; name: string };
  depth: OnlineDepth;
  onsite: boolean;
  expert: boolean;
  mobile: boolean;
  schedule: boolean;
  terminals: boolean;
  url: string;
  addr: string;
  deptFaqs: BusinessType["faqs"];
}

function buildBusinessType(t: ItemTraits, suffix: string, kind: VariantKind, rng: Rng): BusinessType {
  const { seed } = t;
  let online: OnlineDepth = t.depth === 3 && kind !== "new" && rng.chance(0.25) ? 4 : t.depth;
  if (seed.pattern === "marriage") online = Math.min(online, 2) as OnlineDepth;
  const onsite = t.onsite && kind === "new";
  const expert = (t.expert && kind === "new") || (seed.pattern === "recog" && kind === "new");
  const ctx: TextContext = { item: seed.name, suffix, kind, type: seed.type, pattern: seed.pattern, flavor: t.flavor, result: t.result, onsite, expert, online: online > 0 };
  const instant = rng.chance(instantChance(seed, kind, t.flavor));
  const lawDays = lawDaysFor(seed, kind, rng);
  const shortest = seed.pattern === "recog" && kind === "new" ? 15 : 1;
  const candidates = [3, 5, 7, 10, 15, 20, 30].filter((d) => d >= shortest && d <= Math.floor(lawDays / 2));
  const promiseDays = instant ? 0 : candidates.length > 0 ? rng.pick(candidates) : Math.max(1, Math.floor(lawDays / 2));
  const notCounted = seed.pattern === "recog" && kind === "new" ? "专家评审和公示" : onsite ? "现场核查" : expert ? "专家评审" : "";
  const promiseExplain = instant
    ? rng.pick(["即来即办，材料齐全、符合法定形式的当场办结", "即来即办"])
    : `自受理之日起${promiseDays}个工作日内办结${notCounted ? `，${notCounted}时间不计入承诺时限` : ""}`;
  const scenes = online === 4 ? 0 : online === 3 ? 1 : onsite && rng.chance(0.35) ? 2 : 1;
  const rongqueDays = kind === "new" && seed.type === "01" && rng.chance(t.profile.rongque ?? 0) ? rng.pick([5, 10]) : null;
  const materials = materialsFor(ctx, t.profile, rng, rongqueDays);
  const rongqueMaterial = materials.find((mat) => mat.code[2] === "2");
  const fees = kind === "new" && seed.fee ? [seed.fee] : undefined;
  const bt: Omit<BusinessType, "faqs"> = {
    suffix,
    name: suffix === "" ? seed.name : `${seed.name}（${suffix}）`,
    byLaw: seed.law ?? t.profile.law,
    condition: conditionFor(ctx, t.profile, rng),
    flow: flowFor(ctx, instant),
    lawDays,
    promiseDays,
    promiseExplain,
    projectType: instant ? "1" : "2",
    scenes,
    online,
    mobile: online >= 3 && t.mobile,
    express: t.result.type !== "30" && rng.chance(online === 4 ? 0.5 : 0.75),
    schedule: t.schedule,
    terminals: t.terminals,
    resultType: t.result.type,
    resultName: t.result.name,
    rongque: rongqueMaterial !== undefined,
    materials,
    ...(fees ? { fees } : {}),
  };
  const faqs = faqsFor(
    { bt, kind, person: t.flavor === "person", pattern: seed.pattern, url: t.url, addr: t.addr, deptFaqs: t.deptFaqs, rongqueWhat: rongqueMaterial?.name ?? null, rongqueDays: rongqueDays ?? 5 },
    rng,
  );
  return { ...bt, faqs };
}

export function buildGeneratedItem(ref: SeedRef, count: number, url: string): Item {
  const { seed } = ref;
  const rng = rngFor(`item:${ref.dept}:${seed.name}`);
  const profile = profileOf(ref.dept);
  const pattern = PATTERNS[seed.pattern];
  const server = seed.server ?? (seed.type === "20" ? "1" : "2");
  const flavor: Flavor = server === "1" ? "person" : ["appr", "apprc", "appr2"].includes(seed.pattern) && profile.project ? "project" : "org";
  const depth: OnlineDepth = rng.chance(profile.online ?? 0.75) ? (rng.chance(profile.deep ?? 0.2) ? 4 : rng.chance(0.75) ? 3 : 2) : 0;
  const onsite = seed.type === "01" && ["lic", "licn", "qual", "prod"].includes(seed.pattern) && rng.chance(0.5);
  const traits: ItemTraits = {
    seed,
    profile,
    flavor,
    result: seed.result ?? guessResult(seed.name, seed.type, seed.pattern),
    depth,
    onsite,
    expert: !onsite && (seed.pattern === "qual" || flavor === "project") && rng.chance(0.6),
    mobile: rng.chance(seed.type === "20" ? 0.8 : 0.35),
    schedule: rng.chance(0.6),
    terminals: rng.chance(seed.type === "20" ? 0.6 : 0.12),
    url,
    addr: transactAddr(department(ref.dept)),
    deptFaqs: profile.faqs,
  };
  const variants = count === 1 ? [["", pattern.variants[0]?.[1] ?? "new"] as const] : pattern.variants.slice(0, count);
  return {
    key: `${ref.dept}-${String(ref.index + 1).padStart(2, "0")}`,
    dept: ref.dept,
    name: seed.name,
    type: seed.type,
    server,
    version: rng.int(1, 3),
    handwritten: false,
    ...(seed.alias ? { alias: seed.alias } : {}),
    businessTypes: variants.map(([suffix, kind]) => buildBusinessType(traits, suffix, kind, rng)),
  };
}
