// Turns a hand-written item (shared body + per-variant overrides) into resolved business types.
import { HANDWRITTEN_1 } from "./handwritten-guides-1.js";
import { HANDWRITTEN_2 } from "./handwritten-guides-2.js";
import { HANDWRITTEN_3 } from "./handwritten-guides-3.js";
import { HANDWRITTEN_4 } from "./handwritten-guides-4.js";
import { HANDWRITTEN_5 } from "./handwritten-guides-5.js";
import { HANDWRITTEN_6 } from "./handwritten-guides-6.js";
import { HANDWRITTEN_7 } from "./handwritten-guides-7.js";
import type { BusinessType, GuideBody, HandItem, HandVariant, Item } from "./types.js";

export const HANDWRITTEN: readonly HandItem[] = [
  ...HANDWRITTEN_1,
  ...HANDWRITTEN_2,
  ...HANDWRITTEN_3,
  ...HANDWRITTEN_4,
  ...HANDWRITTEN_5,
  ...HANDWRITTEN_6,
  ...HANDWRITTEN_7,
];

function bodyOf(item: HandItem): GuideBody {
  const { key: _key, dept: _dept, name: _name, type: _type, server: _server, version: _version, alias: _alias, variants: _v, ...body } = item;
  return body;
}

function resolveVariant(item: HandItem, variant: HandVariant): BusinessType {
  const { suffix, name, faqs, ...overrides } = variant;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined)) as Partial<GuideBody>;
  // Variant questions come first; the item's shared questions follow, at most four in all.
  const allFaqs = [...(faqs ?? []), ...item.faqs].slice(0, 4);
  return { ...bodyOf(item), ...defined, faqs: allFaqs, suffix, name: name ?? `${item.name}（${suffix}）` };
}

export function resolveHandItem(item: HandItem): Item {
  const businessTypes: BusinessType[] =
    item.variants === undefined
      ? [{ ...bodyOf(item), suffix: "", name: item.name }]
      : item.variants.map((variant) => resolveVariant(item, variant));
  return {
    key: item.key,
    dept: item.dept,
    name: item.name,
    type: item.type,
    server: item.server,
    version: item.version,
    handwritten: true,
    alias: item.alias,
    businessTypes,
  };
}
