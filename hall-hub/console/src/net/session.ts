import type { ConsoleSetup, Session } from '@hall/shared';
import { floor, pageRefusal, session, setup, warnings, type SessionInfo } from '../store/store.js';
import { emptyFloor } from '../store/floor-view.js';
import { get, onSessionLostDo, post, type ApiResult } from './api.js';
import { connectLive } from './live.js';
import { startFloorFeeds } from './floor-data.js';

const KEY = 'hall-console-session';
let stopLive: (() => void) | null = null;
let stopFeeds: (() => void) | null = null;

/** After sign-in (or a reload with a live session): the hall's shape, then the live link. */
async function begin(s: SessionInfo): Promise<ApiResult<ConsoleSetup>> {
  session.value = s;
  const r = await get<ConsoleSetup>('/api/console/setup');
  if (!r.ok) {
    end();
    return r;
  }
  setup.value = r.data;
  stopLive = connectLive(s.token);
  stopFeeds = startFloorFeeds();
  return r;
}

function end(): void {
  stopLive?.();
  stopFeeds?.();
  stopLive = stopFeeds = null;
  sessionStorage.removeItem(KEY);
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
