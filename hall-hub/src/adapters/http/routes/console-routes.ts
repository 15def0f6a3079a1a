import { ConsoleSetupSchema, type ConsoleSetup } from '@hall/shared';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Principal } from '../../../app/auth-service.js';
import type { HallConfig } from '../../../config/hall-config-schema.js';
import { requireRole } from '../auth-guard.js';
import type { HubDecorations } from '../hub-decorations.js';
import { responses } from '../schemas.js';

const PAUSE_REASONS = ['临时离开', '午间休息', '业务咨询', '系统故障', '会议', '其他'];

/**
 * The windows a principal may operate — the same rule the window routes enforce (their own windows, and
 * as B post those of the colleague they cover for); the console only uses it to offer the right windows.
 */
function operableWindows(config: HallConfig, p: Principal): string[] {
  if (p.role === 'manager') return config.windows.map((w) => w.no);
  const me = p.role === 'staff' && p.staffNo ? config.staff.find((s) => s.no === p.staffNo) : undefined;
  if (!me) return [];
  const covered = new Set(config.staff.filter((s) => s.partner === me.no).flatMap((s) => s.windows));
  return config.windows.filter((w) => me.windows.includes(w.no) || covered.has(w.no)).map((w) => w.no);
}

/** What the console draws the hall with; read-only, for every signed-in role. */
export function consoleRoutes(ctx: Pick<HubDecorations, 'config' | 'staffAddress' | 'catalog' | 'auth'>): FastifyPluginAsyncTypebox {
  const { config } = ctx;
  const staffByNo = new Map(config.staff.map((s) => [s.no, s]));
  const zoneName = new Map(config.zones.map((z) => [z.id, z.name]));
  const lineName = new Map(config.lines.map((l) => [l.id, l.name]));
  const named = (no: string) => ({ no, name: staffByNo.get(no)?.name ?? no });

  function setup(p: Principal): ConsoleSetup {
    // Department names come from the catalog, which an import can change: read them per request.
    const deptNames = new Map(ctx.catalog.index.departments().map((d) => [d.code, d.name]));
    const department = (code: string | undefined) => (code ? { code, name: deptNames.get(code) ?? code } : null);
    return {
      hall: { id: config.hall.id, name: config.hall.name, timeZone: config.hall.timeZone },
      me: { username: p.username, role: p.role, staffNo: p.staffNo, staffName: p.staffNo ? (staffByNo.get(p.staffNo)?.name ?? null) : null },
      operableWindows: operableWindows(config, p),
      windows: config.windows.map((w) => {
        const aPost = config.staff.filter((s) => s.windows.includes(w.no));
        const bPost = aPost.flatMap((s) => (s.partner ? [s.partner] : [])).filter((no) => !aPost.some((a) => a.no === no));
        return {
          no: w.no,
          name: w.name,
          zone: w.zone,
          zoneName: zoneName.get(w.zone) ?? w.zone,
          department: department(w.dept),
          lines: w.lines.map((l) => ({ id: l.line, name: lineName.get(l.line) ?? l.line, order: l.order })),
          aPost: aPost.map((s) => named(s.no)),
          bPost: [...new Set(bPost)].map(named),
        };
      }),
      staff: config.staff.map((s) => ({
        no: s.no,
        name: s.name,
        title: s.title ?? null,
        department: department(s.dept),
        windows: s.windows,
        partner: s.partner ? named(s.partner) : null,
      })),
      lines: config.lines.map((l) => ({
        id: l.id,
        prefix: l.prefix,
        name: l.name,
        windows: config.windows.filter((w) => w.lines.some((x) => x.line === l.id)).map((w) => w.no),
      })),
      pauseReasons: PAUSE_REASONS,
    };
  }

  return async (app) => {
    app.get('/api/console/setup', {
      schema: { tags: ['console'], summary: 'The hall as the console draws it, and what this account may operate', security: [{ bearer: [] }], response: responses({ 200: ConsoleSetupSchema }) },
      preHandler: requireRole(ctx, 'manager', 'staff', 'auditor'),
    }, async (req) => setup(req.principal!));
  };
}
