import type { PlayReport, ProofOfPlayRow, ProofOfPlaySummary } from '@hall/shared';
import { proofOfPlayCsv } from '../domain/signage/play-csv.js';
import { playReportProblem } from '../domain/signage/play-report.js';
import type { Refusal } from '../domain/queue/refusals.js';
import type { PlayQuery, SignageStore, StoredPlay } from '../ports/signage-store.js';

const DAY = 86_400_000;

/** What the screens played, from when to when: stored once per display and seq, reported per campaign and screen. */
export interface ProofOfPlay {
  /** a screen's batch: stored (what was new) and answered with the highest seq stored for it, or refused whole */
  receive(displayId: string, report: PlayReport): { ok: true; seq: number; stored: number } | { ok: false; refusal: Refusal };
  rows(q: PlayQuery): ProofOfPlayRow[];
  summary(by: 'campaign' | 'display', from: number, to: number): ProofOfPlaySummary;
  csv(q: PlayQuery): string;
  /** drops records past the retention period; how many */
  prune(): number;
}

export interface ProofOfPlayDeps {
  store: SignageStore;
  now: () => number;
  timeZone: string;
  retentionDays: number;
  displayName: (id: string) => string;
  /** names as they are now; a report keeps the name a campaign or asset had when it played, should it go */
  campaignName: (id: string) => string | null;
  mediaName: (id: string) => string | null;
}

export function createProofOfPlay(deps: ProofOfPlayDeps): ProofOfPlay {
  const { store } = deps;
  const iso = (ms: number) => new Date(ms).toISOString();
  const toRow = (p: StoredPlay): ProofOfPlayRow => ({
    displayId: p.displayId,
    displayName: deps.displayName(p.displayId),
    campaignId: p.campaignId,
    campaignName: p.campaignName,
    mediaId: p.mediaId,
    mediaName: p.mediaName,
    page: p.page,
    regionId: p.regionId,
    startedAt: iso(p.startedAt),
    endedAt: iso(p.endedAt),
    complete: p.complete,
    receivedAt: iso(p.receivedAt),
  });
  const rows = (q: PlayQuery) => store.plays(q).map(toRow);

  return {
    receive(displayId, report) {
      const problem = playReportProblem(report.records);
      if (problem) return { ok: false, refusal: problem };
      const at = deps.now();
      const stored = store.addPlays(
        report.records.map((r) => ({
          displayId,
          seq: r.seq,
          campaignId: r.campaignId,
          campaignName: r.campaignId === null ? null : (deps.campaignName(r.campaignId) ?? r.campaignId),
          mediaId: r.mediaId,
          mediaName: deps.mediaName(r.mediaId) ?? r.mediaId,
          page: r.page,
          regionId: r.regionId,
          startedAt: Date.parse(r.startedAt),
          endedAt: Date.parse(r.endedAt),
          complete: r.complete,
          receivedAt: at,
        })),
      );
      return { ok: true, seq: store.highestSeq(displayId), stored };
    },
    rows,
    summary(by, from, to) {
      return store.totals(by, from, to).map((t) => ({
        key: t.key,
        name: by === 'display' ? deps.displayName(t.key) : t.key === '' ? '（无活动）' : (deps.campaignName(t.key) ?? t.name ?? t.key),
        plays: t.plays,
        seconds: t.seconds,
        screens: t.screens,
      }));
    },
    csv: (q) => proofOfPlayCsv(rows(q), deps.timeZone),
    prune: () => store.prune(deps.now() - deps.retentionDays * DAY),
  };
}
