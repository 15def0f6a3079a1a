import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RECOGNISED } from '@hall/hub/adapters/http/routes/handwriting-routes';
import { preferCatalogCharacters } from '@hall/hub/domain/catalog/catalog-characters';
import { createZinniaRecognizer } from '@hall/hub/adapters/handwriting/zinnia-recognizer';
import { characterStrokes, jittered, seeded } from '@hall/testkit/written-characters';
import { repoRoot } from './lib/hub-process.js';
import { figure, percentile, type Figure } from './lib/report.js';

const CHARACTERS = 400;
const WRITINGS = 3;
const HAN = /\p{Script=Han}/u;

/** The characters visitors write at this hall: those of the demo catalog's business names, most frequent first. */
function catalogCharacters(): { chars: string[]; known: Set<string> } {
  const file = join(repoRoot, 'hall-hub', 'demo', 'catalog', 'demo-catalog.json');
  const { task_general_basic: rows } = JSON.parse(readFileSync(file, 'utf8')) as { task_general_basic: Array<{ task_name: string }> };
  const count = new Map<string, number>();
  for (const { task_name } of rows) for (const c of task_name) if (HAN.test(c)) count.set(c, (count.get(c) ?? 0) + 1);
  const chars = [...count].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c).slice(0, CHARACTERS);
  return { chars, known: new Set(count.keys()) };
}

/**
 * Handwriting as the hub recognises it (Zinnia, Debian's Simplified Chinese model, the hub's own adapter and
 * process, the route's preference for the catalog's characters): the catalog's 400 most used characters, each written three times from hanzi-writer-data's stroke
 * medians with a person's jitter (shift, size, slant, each stroke moved, a tremor), seeded so every run writes
 * the same. Baselines in the same run: the unjittered glyphs' accuracy, and one-stroke 一's round trip (the
 * pipe to the process, not the recognition).
 */
export async function handwriting(): Promise<Figure[]> {
  const recognizer = createZinniaRecognizer();
  if (!recognizer.available) throw new Error(`handwriting bench needs ${recognizer.missing} (scripts/system-packages.txt)`);
  const random = seeded(18);
  const { chars, known } = catalogCharacters();
  // As the hub's route answers: the recogniser's 20 readings, the catalog's characters first.
  const read = async (strokes: Parameters<typeof recognizer.recognize>[0]) => preferCatalogCharacters(await recognizer.recognize(strokes, RECOGNISED), known, 5);
  const times: number[] = [];
  const floor: number[] = [];
  let top1 = 0;
  let top5 = 0;
  let cleanTop1 = 0;
  let n = 0;
  try {
    const one = characterStrokes('一');
    for (let i = 0; i < 20; i++) await recognizer.recognize(one, 5); // warm-up: process start, model pages in
    for (const c of chars) {
      const glyph = characterStrokes(c);
      if ((await read(glyph))[0] === c) cleanTop1++;
      for (let w = 0; w < WRITINGS; w++) {
        const strokes = jittered(glyph, random);
        const t = performance.now();
        const got = await read(strokes);
        times.push(performance.now() - t);
        n++;
        if (got[0] === c) top1++;
        if (got.includes(c)) top5++;
        const f = performance.now();
        await recognizer.recognize(one, 5);
        floor.push(performance.now() - f);
      }
    }
  } finally {
    await recognizer.close();
  }
  const what = `${chars.length} catalog characters × ${WRITINGS} jittered writings (hanzi-writer-data medians), Zinnia via the hub's adapter`;
  const clean = { what: `the same ${chars.length} characters unjittered, top-1`, value: (100 * cleanTop1) / chars.length, unit: '%' };
  const pipe = (p: number) => ({ what: `one-stroke 一 through the same process, interleaved (p${p})`, value: percentile(floor, p), unit: 'ms' });
  return [
    figure({ id: 'handwriting.top1', what, value: (100 * top1) / n, unit: '%', baseline: clean }),
    figure({ id: 'handwriting.top5', what, value: (100 * top5) / n, unit: '%', baseline: clean, target: { text: '>= 90 %', check: ({ value }) => value >= 90 } }),
    figure({ id: 'handwriting.p50', what: `${what}: per character, ${n} samples`, value: percentile(times, 50), unit: 'ms', baseline: pipe(50) }),
    figure({ id: 'handwriting.p99', what: `${what}: per character, ${n} samples`, value: percentile(times, 99), unit: 'ms', baseline: pipe(99), target: { text: '< 100 ms', check: ({ value }) => value < 100 } }),
  ];
}
