// Guards the generator's own promises; a failure stops the run before anything is written.
import type { Item } from "./types.js";

export function validateItems(items: readonly Item[]): void {
  const problems: string[] = [];
  for (const item of items) {
    const names = new Set<string>();
    for (const bt of item.businessTypes) {
      const where = `${bt.name}`;
      if (names.has(bt.name)) problems.push(`${where}: duplicate business type name`);
      names.add(bt.name);
      const [minMat, maxMat, minFaq, maxFaq] = item.handwritten ? [4, 10, 2, 4] : [3, 12, 1, 4];
      if (bt.materials.length < minMat || bt.materials.length > maxMat) problems.push(`${where}: ${bt.materials.length} materials`);
      if (bt.faqs.length < minFaq || bt.faqs.length > maxFaq) problems.push(`${where}: ${bt.faqs.length} questions`);
      if (bt.online === 4 && bt.scenes !== 0) problems.push(`${where}: 全程网办 but ${bt.scenes} visits`);
      if (bt.promiseDays > bt.lawDays) problems.push(`${where}: promise longer than the legal limit`);
      if (bt.projectType === "1" && bt.promiseDays !== 0) problems.push(`${where}: 即办件 with a promise of ${bt.promiseDays} days`);
      const deferrable = bt.materials.some((mat) => mat.code[2] === "2");
      if (deferrable !== (bt.rongque ?? false)) problems.push(`${where}: 容缺 flag and materials disagree`);
      const materialNames = new Set(bt.materials.map((mat) => mat.name));
      if (materialNames.size !== bt.materials.length) problems.push(`${where}: duplicate material`);
      for (const text of [bt.name, bt.condition, bt.byLaw, ...bt.flow, ...bt.faqs.flatMap((f) => [f.q, f.a])]) {
        if (/测试|lorem|TODO|undefined|null|NaN/i.test(text)) problems.push(`${where}: placeholder text "${text}"`);
      }
    }
  }
  if (problems.length > 0) throw new Error(`invalid catalog:\n${problems.join("\n")}`);
}
