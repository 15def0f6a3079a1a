import type http from 'node:http';
import { SIGNATURE_HEADER, caseQuerySigningText } from '@hall/shared';
import { findSimCase } from './cases.js';
import type { SupervisedCaseBook } from './supervised-cases.js';
import type { CreditBook } from './credit-lists.js';
import { asBatch, type HeldEvents } from './held-events.js';
import { json, parse, readBody } from './http-util.js';
import { firstHeader, signatureHeader, verifySignature } from './sign.js';

/** How the simulated platform behaves right now (set through the control API or by a test). */
export type SimMode = { mode: 'ok' } | { mode: 'fail'; status?: number } | { mode: 'slow'; delayMs: number };

export type FeedName = 'catalog' | 'notices' | 'appointments';

/** What the data port answers from: the held events, the downlink feeds and the mode. */
export interface ProvinceState {
  key: Buffer;
  events: HeldEvents;
  feeds: Map<string, { body: string; etag: string; version: string }>;
  /** the cases accepted at the halls, for the supervision feed */
  supervised: SupervisedCaseBook;
  /** 守信红榜 / 失信黑名单, for 容缺受理 */
  credit: CreditBook;
  mode(): SimMode;
  caseQueried(): void;
}

/** A slow platform answers late; a failing one refuses. Returns true when the request was answered already. */
async function misbehave(s: ProvinceState, res: http.ServerResponse, onFail?: () => void): Promise<boolean> {
  const mode = s.mode();
  if (mode.mode === 'slow') await new Promise((r) => setTimeout(r, mode.delayMs));
  const now = s.mode();
  if (now.mode !== 'fail') return false;
  onFail?.();
  json(res, now.status ?? 503, { error: 'platform failing (simulated)' });
  return true;
}

async function onUplink(s: ProvinceState, stream: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const stats = s.events.stats;
  stats.requests += 1;
  const body = await readBody(req);
  if (await misbehave(s, res, () => (stats.failedOnPurpose += 1))) return;
  if (!body) return json(res, 413, { error: 'body too large' });
  if (!verifySignature(s.key, body, firstHeader(req.headers[SIGNATURE_HEADER]))) {
    stats.badSignatures += 1;
    return json(res, 401, { error: 'bad signature' });
  }
  const batch = asBatch(parse(body));
  if (!batch || batch.stream !== stream) {
    stats.badBodies += 1;
    return json(res, 400, { error: 'not an uplink batch' });
  }
  json(res, 200, s.events.accept(batch, 'https', Date.now()));
}

async function onCase(s: ProvinceState, caseNo: string, url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  s.caseQueried();
  if (await misbehave(s, res)) return;
  if (!verifySignature(s.key, caseQuerySigningText(req.url ?? ''), firstHeader(req.headers[SIGNATURE_HEADER]))) {
    s.events.stats.badSignatures += 1;
    return json(res, 401, { error: 'bad signature' });
  }
  const found = findSimCase(caseNo, url.searchParams.get('idLast4'));
  if (!found) return json(res, 404, { error: 'no such case' });
  const { idLast4: _secret, ...shown } = found;
  const text = JSON.stringify(shown);
  res.writeHead(200, { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(s.key, text) });
  res.end(text);
}

/** 办件监督 feed: the cases changed since the hall's cursor, signed like every answer; the request is signed too. */
async function onCaseFeed(s: ProvinceState, url: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  s.events.stats.downlinkRequests += 1;
  if (await misbehave(s, res)) return;
  if (!verifySignature(s.key, caseQuerySigningText(req.url ?? ''), firstHeader(req.headers[SIGNATURE_HEADER]))) {
    s.events.stats.badSignatures += 1;
    return json(res, 401, { error: 'bad signature' });
  }
  const limit = Math.min(1000, Math.max(1, Number(url.searchParams.get('limit')) || 500));
  const text = JSON.stringify(s.supervised.page(url.searchParams.get('since'), limit));
  res.writeHead(200, { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(s.key, text) });
  res.end(text);
}

/**
 * Credit lists (容缺受理): served whole, signed; the request is signed like a case query. Every hub asks for them
 * as it starts, so a refused request is not counted with the refused batches (`badSignatures`), whose count
 * tests of the relay wait on.
 */
async function onCreditLists(s: ProvinceState, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  s.events.stats.downlinkRequests += 1;
  if (await misbehave(s, res)) return;
  if (!verifySignature(s.key, caseQuerySigningText(req.url ?? ''), firstHeader(req.headers[SIGNATURE_HEADER]))) return json(res, 401, { error: 'bad signature' });
  const text = JSON.stringify(s.credit.lists(Date.now()));
  res.writeHead(200, { 'content-type': 'application/json', [SIGNATURE_HEADER]: signatureHeader(s.key, text) });
  res.end(text);
}

async function onDownlink(s: ProvinceState, name: string, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const stats = s.events.stats;
  stats.downlinkRequests += 1;
  if (await misbehave(s, res)) return;
  const feed = s.feeds.get(name);
  if (!feed) return json(res, 404, { error: 'no such feed' });
  if (req.headers['if-none-match'] === feed.etag) {
    stats.notModified += 1;
    res.writeHead(304, { etag: feed.etag });
    return void res.end();
  }
  res.writeHead(200, {
    'content-type': 'application/json',
    etag: feed.etag,
    'x-version': feed.version,
    [SIGNATURE_HEADER]: signatureHeader(s.key, feed.body),
  });
  res.end(feed.body);
}

/** The data port's routes: uplink POSTs, 办件 queries and downlink GETs, as the protocol names them. */
export function dataHandler(s: ProvinceState): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const up = /^\/uplink\/v1\/([a-z-]+)$/.exec(url.pathname);
    if (req.method === 'POST' && up) return onUplink(s, up[1]!, req, res);
    if (req.method === 'GET' && url.pathname === '/cases/v1/feed') return onCaseFeed(s, url, req, res);
    if (req.method === 'GET' && url.pathname === '/credit/v1/lists') return onCreditLists(s, req, res);
    const caseQ = /^\/cases\/v1\/([A-Za-z0-9-]{1,64})$/.exec(url.pathname);
    if (req.method === 'GET' && caseQ) return onCase(s, caseQ[1]!, url, req, res);
    const down = /^\/downlink\/v1\/([a-z]+)$/.exec(url.pathname);
    if (req.method === 'GET' && down) return onDownlink(s, down[1]!, req, res);
    json(res, 404, { error: 'no such route' });
  };
}
