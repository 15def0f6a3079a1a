import { createSearcher, type SearchIndex, type Searcher } from '@hall/shared';
import { beforeAll, describe, expect, it } from 'vitest';
import { LEXICON } from '../../src/adapters/search/lexicon.js';
import { demoCatalog, heldOutCatalog } from '@hall/testkit/demo-catalog';

/**
 * The everyday-language lexicon against catalogs: every entry must mean words that official names use, and a
 * visitor who says it must be shown such a name. Checked against both the demo catalog and the held-out
 * Nanjing one, so an entry written for neither still has to find its target in one of them.
 */
const catalogs: Array<{ name: string; index: SearchIndex; searcher: Searcher }> = [];

beforeAll(() => {
  for (const [name, catalog] of [['demo', demoCatalog()], ['held-out', heldOutCatalog()]] as const) {
    const index = catalog.searchIndex();
    catalogs.push({ name, index, searcher: createSearcher(index) });
  }
}, 120_000);

const entries = LEXICON.flatMap((d) => d.entries.map((e) => ({ domain: d.domain, ...e })));

describe('the everyday-language lexicon', () => {
  it('has hundreds of entries over the domains of government services', () => {
    expect(entries.length).toBeGreaterThanOrEqual(150);
    expect(entries.flatMap((e) => e.say).length).toBeGreaterThanOrEqual(500);
    for (const d of ['market-entry', 'household-registration', 'exit-entry', 'traffic-vehicles', 'real-estate', 'social-insurance',
      'medical-insurance', 'housing-fund', 'tax', 'education', 'health', 'civil-affairs', 'justice', 'culture-tourism',
      'construction', 'environment', 'water', 'agriculture', 'emergency']) {
      expect(LEXICON.some((x) => x.domain === d), d).toBe(true);
    }
  });

  it('each entry means words some official name uses, and saying it shows such a name in the top 3', () => {
    const failures: string[] = [];
    for (const e of entries) {
      const holders = catalogs.filter((c) => c.index.entries.some((x) => e.means.some((m) => x.name.includes(m))));
      if (holders.length === 0) {
        failures.push(`${e.say[0]}: no name in either catalog holds ${e.means.join('/')}`);
        continue;
      }
      for (const said of e.say) {
        const shown = holders.some((c) => c.searcher.search(said, 3).some((h) => e.means.some((m) => h.name.includes(m))));
        if (!shown) failures.push(`${said} → ${e.means.join('/')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('tells the visitor what the everyday word stood for', () => {
    const held = catalogs.find((c) => c.name === 'held-out')!;
    const [first] = held.searcher.search('驾照', 3);
    expect(first?.reason).toEqual({ how: 'phrase', said: '驾照', means: '驾驶证' });
  });
});
