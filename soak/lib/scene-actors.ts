import type { LineMove } from '@hall/shared';
import { call, persist, signIn, type Reply } from './hub-client.js';
import type { Ledger } from './ledger.js';
import type { RedLineScene, ScenePlan, TakeoverScene } from './scenes.js';
import type { SimClock } from './sim-clock.js';

export interface SceneContext {
  base: () => string;
  clock: SimClock;
  ledger: Ledger;
  /** local midnight of the day, as an instant */
  midnight: number;
  manager: () => { authorization: string };
  closing: () => boolean;
}

/** A request a person repeats while the hub is away (restarting after a fault), with their session renewed if it lapsed. */
async function asPerson<T>(
  session: { get(): Promise<{ authorization: string }>; renew(): Promise<void> },
  send: (auth: { authorization: string }) => Promise<Reply<T>>,
  giveUp: () => boolean,
): Promise<Reply<T> | null> {
  const r = await persist(async () => {
    const reply = await send(await session.get());
    if (reply.status === 401) {
      await session.renew();
      return { status: 503, body: reply.body };
    }
    return reply;
  }, { everyMs: 500, giveUp });
  return r.reply;
}

/**
 * The B post (AB岗): at the A post's window, between two visitors once the scene's moment has come, signs in on
 * the console (their own account) and takes the window over with the A post's absence reason; the window's
 * keypad goes on as before. After finishing the scene's number of services (or at closing) hands it back.
 */
export function createBPost(ctx: SceneContext, scene: TakeoverScene) {
  const record = ctx.ledger.scenes.takeover;
  let auth: { authorization: string } | null = null;
  const session = {
    async get() {
      auth ??= await signIn(ctx.base(), scene.account.username, scene.account.password);
      return auth;
    },
    async renew() {
      auth = null;
    },
  };
  let state: 'a-post' | 'b-post' | 'back' = 'a-post';
  const post = (path: string, body: unknown) =>
    asPerson<{ code?: string }>(session, (a) => call(ctx.base(), 'POST', `/api/windows/${scene.windowNo}/${path}`, body, a), ctx.closing);

  return {
    async between(windowNo: string, closing: boolean): Promise<void> {
      if (windowNo !== scene.windowNo) return;
      if (state === 'a-post' && !closing && ctx.clock.now() >= ctx.midnight + scene.atMinute * 60_000) {
        const r = await post('open', { absenceReason: scene.absenceReason }).catch(() => null);
        if (r?.status === 200) {
          state = 'b-post';
          record.takenOverAt = ctx.clock.now();
        } else {
          state = 'back';
          record.refusals.push(`take-over: ${r ? `HTTP ${r.status} ${r.body.code ?? ''}` : 'never answered'}`);
        }
      } else if (state === 'b-post' && (closing || record.servicesByBPost >= scene.services)) {
        const r = await post('hand-back', {}).catch(() => null);
        state = 'back';
        if (r?.status === 200) record.handedBackAt = ctx.clock.now();
        else record.refusals.push(`hand-back: ${r ? `HTTP ${r.status} ${r.body.code ?? ''}` : 'never answered'}`);
      }
    },
    finished(windowNo: string): void {
      if (windowNo === scene.windowNo && state === 'b-post') record.servicesByBPost += 1;
    },
  };
}

/**
 * The manager at the console's 弹性窗口调度 card: from shortly before the coach party's line can turn red, looks
 * at the proposed moves (GET /api/line-moves) every half hall minute and applies those for that line — one tap
 * each, the proposal's lines as they are — until the scene's number of windows have moved.
 */
export async function moveWindowsOntoRedLine(ctx: SceneContext, scene: RedLineScene): Promise<void> {
  const record = ctx.ledger.scenes.lineMoves;
  const moved = new Set<string>();
  const until = ctx.midnight + scene.watchUntilMinute * 60_000;
  await ctx.clock.until(ctx.midnight + scene.watchFromMinute * 60_000);
  while (!ctx.closing() && ctx.clock.now() < until && moved.size < scene.maxMoves) {
    try {
      const proposedAt = ctx.clock.now();
      const r = await call<LineMove[]>(ctx.base(), 'GET', '/api/line-moves', undefined, ctx.manager(), 3000);
      const mine = r.status === 200 ? r.body.filter((m) => m.lineId === scene.lineId && !moved.has(m.windowNo)) : [];
      record.proposalsSeen += mine.length;
      for (const m of mine.slice(0, scene.maxMoves - moved.size)) {
        moved.add(m.windowNo);
        const a = await persist(
          () => call(ctx.base(), 'POST', `/api/windows/${m.windowNo}/lines`, { lines: m.lines, requestId: `soak-move-${m.windowNo}-${m.lineId}` }, ctx.manager()),
          { everyMs: 500, giveUp: ctx.closing },
        );
        record.moves.push({ windowNo: m.windowNo, lineId: m.lineId, because: m.because, proposedAt, status: a.reply?.status ?? 0, at: ctx.clock.now() });
      }
    } catch {
      /* the hub is away (a fault): look again in a moment */
    }
    await ctx.clock.sleep(0.5);
  }
}

/** The scenes' actors for one day: the opening bell's wait, the B post's hooks, the manager's moves. */
export function startSceneActors(ctx: SceneContext, plan: ScenePlan) {
  const bPost = plan.takeover ? createBPost(ctx, plan.takeover) : null;
  const moving = plan.redLine ? moveWindowsOntoRedLine(ctx, plan.redLine) : Promise.resolve();
  return {
    between: bPost ? (windowNo: string, closing: boolean) => bPost.between(windowNo, closing) : undefined,
    finished: bPost ? (windowNo: string) => bPost.finished(windowNo) : undefined,
    done: moving,
  };
}
