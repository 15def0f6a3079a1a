import { gunzipSync } from 'node:zlib';
import { createSearcher, SearchIndexSchema, type SearchHit, type SearchIndex, type Searcher } from '@hall/shared';
import { Value } from '@sinclair/typebox/value';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndex, pinyinOf } from '../../src/adapters/search/build-search-index.js';
import type { CatalogService } from '../../src/app/catalog-service.js';
import { basic, doc } from '@hall/testkit/exchange-fixture';
import { smallHall } from '@hall/testkit/hall-fixture';
import { testHub, type TestHub } from '@hall/testkit/hub-fixture';
import { demoCatalog } from '@hall/testkit/demo-catalog';
import { foundInTop3, isExpected, loadQuerySet, type TestQuery } from '@hall/testkit/query-set';

const queries = loadQuerySet();
const shown = (h: SearchHit) => h.highlight.map(([a, b]) => h.name.slice(a, b));

let catalog: CatalogService;
let index: SearchIndex;
let searcher: Searcher;

beforeAll(() => {
  catalog = demoCatalog();
  index = catalog.searchIndex();
  searcher = createSearcher(index);
}, 60_000);

describe('the kiosk search over the demo catalog', () => {
  it('has a test set of words, initials, full pinyin and colloquial names, all naming real business types', () => {
    const count = (kind: TestQuery['kind']) => queries.filter((q) => q.kind === kind).length;
    expect(queries.length).toBeGreaterThanOrEqual(60);
    expect(count('chinese')).toBeGreaterThanOrEqual(15);
    expect(count('initials')).toBeGreaterThanOrEqual(15);
    expect(count('pinyin')).toBeGreaterThanOrEqual(15);
    expect(count('colloquial')).toBeGreaterThanOrEqual(10);
    for (const e of queries.flatMap((q) => q.expect)) expect(index.entries.some((x) => isExpected(x.name, e)), e).toBe(true);
  });

  it('finds the expected business type in the top 3 for at least 95% of the set', () => {
    const misses = queries.filter((q) => !foundInTop3(q, searcher.search(q.q, 3).map((h) => h.name)));
    expect(1 - misses.length / queries.length, `missed: ${misses.map((m) => m.q).join(', ')}`).toBeGreaterThanOrEqual(0.95);
  });

  it('is an index the schema accepts, one entry per business type in force, pinyin aligned with the names', () => {
    expect(Value.Check(SearchIndexSchema, index)).toBe(true);
    expect(index.entries).toHaveLength(1042);
    for (const e of index.entries) {
      expect(e.namePinyin).toHaveLength([...e.name].length);
      expect(e.nameWords.reduce((a, b) => a + b, 0)).toBe([...e.name].length);
      expect(e.aliasPinyin.map((p) => p.length)).toEqual(e.aliases.map((a) => [...a].length));
    }
    expect(index.entries.find((e) => e.name === '营业执照变更登记')?.namePinyin).toEqual(['ying', 'ye', 'zhi', 'zhao', 'bian', 'geng', 'deng', 'ji']);
  });

  it('reads polyphonic characters in context, and corrects the words pinyin-pro gets wrong', () => {
    expect(pinyinOf('银行行长')).toEqual(['yin', 'hang', 'hang', 'zhang']);
    expect(pinyinOf('重新注册')[0]).toBe('chong');
    expect(pinyinOf('重大技术')[0]).toBe('zhong');
    expect(pinyinOf('医疗机构执业登记（校验）').slice(-3)).toEqual(['jiao', 'yan', '']);
    expect(pinyinOf('会计师事务所')[0]).toBe('kuai');
    expect(pinyinOf('典当行设立审批').slice(0, 3)).toEqual(['dian', 'dang', 'hang']);
    expect(pinyinOf('预付卡发卡企业').slice(3, 5)).toEqual(['fa', 'ka']);
    expect(pinyinOf('招标项目的招标范围')[4]).toBe('de');
    expect(pinyinOf('频率')).toEqual(['pin', 'lv']);
    expect(pinyinOf('IP地址（4A级）')).toEqual(['', '', 'di', 'zhi', '', '', '', 'ji', '']);
  });

  it('yyzz: initials find 营业执照变更登记 first, with 营业执照 highlighted', () => {
    const [first] = searcher.search('yyzz', 5);
    expect(first?.name).toBe('营业执照变更登记');
    expect(shown(first!)).toEqual(['营业执照']);
  });

  it('开公司: the colloquial name finds 企业设立登记 and says which name matched', () => {
    const [first] = searcher.search('开公司', 5);
    expect(first).toMatchObject({ name: '企业设立登记（有限责任公司）', matchedAlias: '开公司' });
  });

  it('hall phrases reach names without that alias, and highlight the words they stand for', () => {
    const hit = searcher.search('开餐厅', 5)[0]!;
    expect(hit.name.startsWith('食品经营许可')).toBe(true);
    expect(hit.matchedAlias).toBe('开餐厅');
    expect(shown(hit)).toEqual(['食品经营许可']);
  });

  it('highlights exactly the characters that matched', () => {
    const first = (q: string) => searcher.search(q, 1)[0]!;
    expect(shown(first('yingyezhi'))).toEqual(['营业执']);
    expect(shown(first('食品许可'))).toEqual(['食品', '许可']);
    expect(shown(first('社会团体成立变更'))).toEqual(['社会团体成立', '变更']);
    expect(shown(first('gongjijin提取'))).toEqual(['公积金提取']);
    expect(shown(first('ip地址'))).toEqual(['IP地址']);
  });

  it('ranks the exact name before a prefix, a part of a name and scattered characters, shorter names first', () => {
    const tiny = createSearcher(
      buildSearchIndex(
        ['营业执照变更登记', '营业执照', '分支机构营业执照核发', '营业场所执照审核', '营业执照'].map((name, k) => ({
          summary: { id: `T${k}`, taskCode: `T${k}`, handleItem: null, name, deptCode: 'D', deptName: '市场监管局', taskType: '01', fullyOnline: false, lineId: null },
          aliases: [],
        })),
      ),
    );
    expect(tiny.search('营业执照', 10).map((h) => h.id)).toEqual(['T1', 'T4', 'T0', 'T2', 'T3']);
    expect(tiny.search('yyzz', 10).map((h) => h.id)).toEqual(['T1', 'T4', 'T0', 'T2']);
  });

  it('orders ties the same way every time', () => {
    for (const q of ['许可', 'xk', '变更', 'dj']) expect(searcher.search(q, 20)).toEqual(searcher.search(q, 20));
  });

  // How fast is the kiosk-search benchmark's business (p99 in Node and Chromium), not a timed assertion here.
  it('answers [] to an empty, blank, punctuation-only or meaningless query', () => {
    for (const q of ['', '   ', '\t\n', '！？。、', '😀😀😀', '???', 'qqqqxxxx', 'zzzzzzzzzzzzzzzzzzzz', '旮旯犄角']) {
      expect(searcher.search(q, 10), q).toEqual([]);
    }
    expect(searcher.search('营业执照', 0)).toEqual([]);
  });

  it('cuts a very long query instead of scanning it: only its first characters count', () => {
    for (const q of ['营'.repeat(100_000), 'y'.repeat(100_000), `${'营业执照 '.repeat(5000)}`, 'a b '.repeat(20_000)]) {
      // 48 characters are read, from at most the first 192 code units (shared/src/search/text.ts)
      expect(searcher.search(q, 10)).toEqual(searcher.search(q.slice(0, 200), 10));
    }
  });

  it('GET /api/catalog/services?q= answers with the same business types as the kiosk, in the same order', () => {
    for (const q of ['营业执照', 'yyzz', '开公司', '食品许可', 'gjj', '退休金']) {
      expect(catalog.index.search(q, 10).map((s) => s.id), q).toEqual(searcher.search(q, 10).map((h) => h.id));
    }
  });
});

describe('GET /api/catalog/search-index', () => {
  let hub: TestHub;
  afterEach(async () => hub?.close());

  it('sends the index with its version as ETag, 304 while it is unchanged, and a new version after an import', async () => {
    hub = await testHub(
      smallHall({
        lines: [
          { id: 'general', prefix: 'A', name: '综合业务', serves: { deptCodes: ['11210000EX0000003C'] } },
          { id: 'tax', prefix: 'B', name: '税务业务', serves: { deptCodes: ['D2'] } },
        ],
      }),
    );
    hub.catalog.import(doc({ task_general_basic: [basic('b1', 'T1', '', '药品零售企业许可', { alias: '开药店' })] }), 'test');

    const first = await hub.app.inject({ url: '/api/catalog/search-index' });
    expect(first.statusCode).toBe(200);
    const body = first.json() as SearchIndex;
    expect(first.headers.etag).toBe(`"${body.version}"`);
    expect(body.entries).toEqual([expect.objectContaining({ id: 'T1', name: '药品零售企业许可', aliases: ['开药店'], lineId: 'general' })]);
    expect(createSearcher(body).search('ypls', 5)[0]?.id).toBe('T1');

    const again = await hub.app.inject({ url: '/api/catalog/search-index', headers: { 'if-none-match': `W/${first.headers.etag}` } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');

    const zipped = await hub.app.inject({ url: '/api/catalog/search-index', headers: { 'accept-encoding': 'gzip, deflate' } });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8'))).toEqual(body);

    hub.catalog.import(doc({ task_general_basic: [basic('b2', 'T2', '', '药品零售企业变更')] }), 'test');
    const changed = await hub.app.inject({ url: '/api/catalog/search-index', headers: { 'if-none-match': first.headers.etag as string } });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    expect((changed.json() as SearchIndex).entries).toHaveLength(2);
  });
});

describe("the hall's own phrases", () => {
  it('a phrase from the hall configuration finds its business types through the API', async () => {
    const { testHub } = await import('@hall/testkit/hub-fixture');
    const { smallHall } = await import('@hall/testkit/hall-fixture');
    const hub = await testHub(smallHall({ synonyms: [{ phrases: ['办药店'], targets: ['药品零售'] }] }));
    try {
      hub.catalog.import(
        {
          format: 'task-exchange/1',
          task_general_basic: [
            { row_guid: 's1', cd_operation: 'I', cd_time: '2026-11-01 08:00:00', task_code: 'T-DRUG', task_name: '药品零售企业许可', task_type: '01', task_state: '1', task_version: 1, dept_code: 'D1', dept_name: '药监局' },
          ],
        },
        'test',
      );
      const hits = (await hub.app.inject({ url: `/api/catalog/services?q=${encodeURIComponent('办药店')}` })).json() as Array<{ id: string }>;
      expect(hits[0]?.id).toBe('T-DRUG');
    } finally {
      await hub.close();
    }
  });
});
