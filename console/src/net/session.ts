import type { ConsoleSetup, Session } from '@hall/shared';
import { HUB_SILENT_MS } from '@hall/shared/link-state';
import { floor, pageRefusal, session, setup, warnings, type SessionInfo } from '../store/store.js';
import { emptyFloor } from '../store/floor-view.js';
import { get, onSessionLostDo, post, type ApiResult } from './api.js';
import { TAB_KEY, keepTab, restoreTab } from './keep-tab.js';
import { connectLive } from './live.js';
import { startFloorFeeds } from './floor-data.js';

const KEY = 'hall-console-session';
let stopLive: (() => void) | null = null;
let stopFeeds: (() => void) | null = null;
let stopKeeping: (() => void) | null = null;

/**
 * After sign-in (or a reload with a live session): the hall's shape, then the live link. A reload while the hub
 * is away opens on the hall's shape and the floor as this tab last saw them (kept for the tab only), marked
 * offline; the live link brings the floor up to date when the hub answers.
 */
async function begin(s: SessionInfo): Promise<ApiResult<ConsoleSetup>> {
  session.value = s;
  // As soon as a live link would give up on a silent hub (shared/link-state.ts): a hung hub does not hold the page.
  const r = await get<ConsoleSetup>('/api/console/setup', HUB_SILENT_MS + 500);
  const kept = r.ok ? null : r.status === 0 ? restoreTab() : null;
  if (!r.ok && !kept) {
    end();
    return r;
  }
  setup.value = r.ok ? r.data : kept!.setup;
  if (kept?.floor) floor.value = kept.floor;
  stopKeeping = keepTab();
  stopLive = connectLive(s.token);
  stopFeeds = startFloorFeeds();
  return { ok: true, data: setup.value };
}

function end(): void {
  stopLive?.();
  stopFeeds?.();
  stopKeeping?.();
  stopLive = stopFeeds = stopKeeping = null;
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(TAB_KEY);
  session.value = null;
  setup.value = null;
  floor.value = emptyFloor;
  warnings.value = [];
  pageRefusal.value = null;
}

export async function login(username: string, password: string): Promise<ApiResult<ConsoleSetup>> {
  const r = await post<Session>('/api/auth/login', { username, password });
  if (!r.ok) return r;
  const s: SessionInfo = { token: r.data.token, username: r.data.username, role: r.data.role, staffNo: r.data.staffNo };
  // Per tab: closing the browser signs out, and two people at one PC do not share a session by accident.
  sessionStorage.setItem(KEY, JSON.stringify(s));
  return begin(s);
}

export async function logout(): Promise<void> {
  await post('/api/auth/logout').catch(() => undefined);
  end();
}

export async function restore(): Promise<void> {
  const saved = sessionStorage.getItem(KEY);
  if (!saved) return;
  try {
    await begin(JSON.parse(saved) as SessionInfo);
  } catch {
    end();
  }
}

onSessionLostDo(end);
