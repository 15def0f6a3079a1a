import { CampaignBodySchema, CampaignSchema, ProofOfPlayRowSchema, ProofOfPlaySummarySchema, ScreenLayoutBodySchema, ScreenLayoutSchema } from '@hall/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Refused } from '../../../app/refused.js';
import type { PlayQuery } from '../../../ports/signage-store.js';
import { requireRole } from '../auth-guard.js';
import { refusalError } from '../errors.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

type SignageRoutesContext = Pick<HubDecorations, 'auth' | 'staffAddress' | 'audit' | 'engine' | 'signage' | 'proofOfPlay'>;

const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const DAY = 86_400_000;
/** The most rows one answer carries: a year of one screen is far less; a hall's year is asked for per screen or campaign. */
const MAX_ROWS = 100_000;

const PeriodQuery = {
  from: Type.Optional(Type.String({ format: 'date-time', description: 'plays that started at or after this instant (default: 7 days before `to`)' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'plays that started before this instant (default: now)' })),
};
const RowsQuery = Type.Object(
  {
    ...PeriodQuery,
    display: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    campaign: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    limit: Type.Integer({ minimum: 1, maximum: MAX_ROWS, default: 10_000 }),
  },
  { additionalProperties: false },
);
const SummaryQuery = Type.Object({ ...PeriodQuery, by: Type.Union([Type.Literal('campaign'), Type.Literal('display')], { default: 'campaign' }) }, { additionalProperties: false });

function attempt<T>(f: () => T): T {
  try {
    return f();
  } catch (err) {
    throw err instanceof Refused ? refusalError(err.refusal) : err;
  }
}

/**
 * Signage for managers (the console calls these): layouts of regions, campaigns and their schedules, and the
 * screens' proof of play (rows, totals, CSV). Reads for managers and auditors; changes for managers, audited.
 * Every change reaches the screens it concerns at once, in their scenes.
 */
export function signageRoutes(ctx: SignageRoutesContext): FastifyPluginAsyncTypebox {
  const { signage, proofOfPlay } = ctx;
  const readers = requireRole(ctx, 'manager', 'auditor');
  const managers = requireRole(ctx, 'manager');
  const security = [{ bearer: [] }];
  const tags = ['signage'];
  const period = (q: { from?: string | undefined; to?: string | undefined }) => {
    const to = q.to ? Date.parse(q.to) : ctx.engine.now();
    return { from: q.from ? Date.parse(q.from) : to - 7 * DAY, to };
  };
  const playQuery = (q: { from?: string; to?: string; display?: string; campaign?: string; limit: number }): PlayQuery => ({ ...period(q), displayId: q.display, campaignId: q.campaign, limit: q.limit });

  return async (app) => {
    app.get('/api/signage/layouts', {
      schema: { tags, summary: 'Screen layouts: regions on a grid, per screen size (the built-in ones included)', security, response: responses({ 200: Type.Array(ScreenLayoutSchema) }) },
      preHandler: readers,
    }, async () => signage.layouts());
    app.post('/api/signage/layouts', {
      schema: { tags, summary: 'Add a layout; refused with every problem found (regions outside the grid, overlapping, ids twice)', body: ScreenLayoutBodySchema, security, response: responses({ 201: ScreenLayoutSchema }) },
      preHandler: managers,
    }, async (req, reply) => reply.status(201).send(attempt(() => signage.addLayout(req.body))));
    app.put('/api/signage/layouts/:id', {
      schema: { tags, summary: 'Replace a layout; the screens using it get it at once (a layout in use keeps its size)', params: IdParams, body: ScreenLayoutBodySchema, security, response: responses({ 200: ScreenLayoutSchema }) },
      preHandler: managers,
    }, async (req) => attempt(() => signage.putLayout(req.params.id, req.body)));
    app.delete('/api/signage/layouts/:id', {
      schema: { tags, summary: 'Delete a layout no display uses', params: IdParams, security, response: responses({ 204: Type.Null() }) },
      preHandler: managers,
    }, async (req, reply) => {
      attempt(() => signage.removeLayout(req.params.id));
      return reply.status(204).send(null);
    });

    app.get('/api/signage/campaigns', {
      schema: { tags, summary: 'Campaigns: playlists with dates, dayparts, priority and targets', security, response: responses({ 200: Type.Array(CampaignSchema) }) },
      preHandler: readers,
    }, async () => signage.campaigns());
    app.post('/api/signage/campaigns', {
      schema: { tags, summary: 'Add a campaign (its media must be in the library; targets: all, displays, groups, zones)', body: CampaignBodySchema, security, response: responses({ 201: CampaignSchema }) },
      preHandler: managers,
    }, async (req, reply) => reply.status(201).send(attempt(() => signage.addCampaign(req.body, req.principal!.username))));
    app.put('/api/signage/campaigns/:id', {
      schema: { tags, summary: 'Replace a campaign; the screens it reaches (before or after) get their new schedules at once', params: IdParams, body: CampaignBodySchema, security, response: responses({ 200: CampaignSchema }) },
      preHandler: managers,
    }, async (req) => attempt(() => signage.putCampaign(req.params.id, req.body, req.principal!.username)));
    app.delete('/api/signage/campaigns/:id', {
      schema: { tags, summary: 'Delete a campaign (its proof of play stays)', params: IdParams, security, response: responses({ 204: Type.Null() }) },
      preHandler: managers,
    }, async (req, reply) => {
      attempt(() => signage.removeCampaign(req.params.id));
      return reply.status(204).send(null);
    });

    app.get('/api/signage/proof-of-play', {
      schema: { tags, summary: 'What the screens played, from when to when (by start time; filter by display or campaign)', querystring: RowsQuery, security, response: responses({ 200: Type.Array(ProofOfPlayRowSchema) }) },
      preHandler: readers,
    }, async (req) => proofOfPlay.rows(playQuery(req.query)));
    app.get('/api/signage/proof-of-play/summary', {
      schema: { tags, summary: 'Plays, seconds and screens per campaign or per display over a period', querystring: SummaryQuery, security, response: responses({ 200: ProofOfPlaySummarySchema }) },
      preHandler: readers,
    }, async (req) => {
      const { from, to } = period(req.query);
      return proofOfPlay.summary(req.query.by, from, to);
    });
    app.get('/api/signage/proof-of-play.csv', {
      schema: { tags, summary: 'Proof of play as CSV (UTF-8 with BOM for Excel; times on the hall’s clock)', querystring: RowsQuery, security, response: responses({}) },
      preHandler: readers,
    }, async (req, reply) => {
      const q = playQuery(req.query);
      const p = req.principal!;
      // Exports are audited: they carry what the hall showed out of the hub.
      ctx.audit.append({ at: ctx.engine.now(), actor: p.username, role: p.role, action: 'proof-of-play export', target: `${new Date(q.from).toISOString()}..${new Date(q.to).toISOString()}`, outcome: 'ok', address: req.ip, detail: undefined });
      const name = `播放记录-${new Date(q.from).toISOString().slice(0, 10)}-${new Date(q.to).toISOString().slice(0, 10)}.csv`;
      reply.header('content-disposition', `attachment; filename="proof-of-play.csv"; filename*=UTF-8''${encodeURIComponent(name)}`);
      return reply.type('text/csv; charset=utf-8').send(proofOfPlay.csv(q));
    });
  };
}
