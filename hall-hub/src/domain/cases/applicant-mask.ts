/**
 * A person's name as public screens may show it: the first and last characters with the middle starred
 * (王小华 → 王*华, 欧阳小华 → 欧**华, 王华 → 王*). An organisation's name is public and shown in full.
 */
export function maskApplicant(kind: 'person' | 'organisation', name: string): string {
  if (kind === 'organisation') return name;
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
