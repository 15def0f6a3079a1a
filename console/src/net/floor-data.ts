import type { DeviceView, LineMove, RefusedDevice, Report, Warning } from '@hall/shared';
import { chime } from '../sound/chime.js';
import { newWarnings, sortWarnings } from '../store/warnings.js';
import { seesFloor, chimes, devices, lineMoves, refusedDevices, session, soundOn, todayReport, warningChecks, warnings } from '../store/store.js';
import { get } from './api.js';
import { newlyRed, warningGroups } from '../store/warning-groups.js';
import { loadWarningGroups } from './warning-groups.js';

const WARNINGS_EVERY_MS = 15_000;
const CHARTS_EVERY_MS = 60_000;

let warningsTimer: ReturnType<typeof setTimeout> | null = null;
let chartsTimer: ReturnType<typeof setTimeout> | null = null;
let firstLoad = true;

let inFlight: Promise<void> = Promise.resolve();

/** 红黄灯: a new warning chimes once (unless the sound is off) and is shown with its level in words. */
export function refreshWarnings(): Promise<void> {
  // One check at a time: two overlapping checks would both see the same warning as new and chime twice.
  inFlight = inFlight.then(checkWarnings, checkWarnings);
  return inFlight;
}

async function checkWarnings(): Promise<void> {
  if (!session.value) return;
  const r = await get<Warning[]>('/api/warnings');
  if (!r.ok) return;
  const fresh = newWarnings(warnings.value, r.data);
  warnings.value = sortWarnings(r.data);
  // A group turning red chimes (red) even when its new red warning is one of several: one chime per check.
  const before = warningGroups.value?.groups ?? [];
  const groups = seesFloor.value ? await loadWarningGroups() : null;
  const turnedRed = groups ? newlyRed(before, groups.groups) : [];
  // The warnings already there at sign-in are shown, not sounded: the chime is for what is new.
  if (!firstLoad && (fresh.length > 0 || turnedRed.length > 0) && soundOn.value && seesFloor.value) {
    if (chime(turnedRed.length > 0 || fresh.some((w) => w.level === 'red') ? 'red' : 'yellow')) chimes.value += 1;
  }
  firstLoad = false;
  if (seesFloor.value) {
    const moves = await get<LineMove[]>('/api/line-moves');
    if (moves.ok) lineMoves.value = moves.data;
  }
  warningChecks.value += 1;
}

export async function refreshToday(): Promise<void> {
  if (!seesFloor.value) return;
  const r = await get<Report>('/api/reports/daily');
  if (r.ok) todayReport.value = r.data;
}

async function loadDevices(): Promise<void> {
  if (!seesFloor.value) return;
  const r = await get<DeviceView[]>('/api/devices');
  if (r.ok) devices.value = r.data;
  const refused = await get<RefusedDevice[]>('/api/devices/refused');
  if (refused.ok) refusedDevices.value = refused.data;
}

let refusedTimer: ReturnType<typeof setTimeout> | null = null;

/**
 * A bridge asks the hub which of its devices it serves each time it connects, and its devices' presence changes
 * then: a device event brings the refused list up to date (once for a burst of them), so a wrongly configured
 * device shows up without a reload.
 */
export function afterDeviceEvent(): void {
  if (refusedTimer) return;
  refusedTimer = setTimeout(() => {
    refusedTimer = null;
    if (!seesFloor.value) return;
    void get<RefusedDevice[]>('/api/devices/refused').then((r) => {
      if (r.ok) refusedDevices.value = r.data;
    });
  }, 1_000);
}

function schedule(kind: 'warnings' | 'charts', ms: number): void {
  if (kind === 'warnings') {
    if (warningsTimer) clearTimeout(warningsTimer);
    warningsTimer = setTimeout(() => {
      warningsTimer = null;
      // An event during the check has asked for another one soon: the 15 s round must not push it back.
      void refreshWarnings().finally(() => warningsTimer ?? schedule('warnings', WARNINGS_EVERY_MS));
    }, ms);
  } else {
    if (chartsTimer) clearTimeout(chartsTimer);
    chartsTimer = setTimeout(() => void refreshToday().finally(() => schedule('charts', CHARTS_EVERY_MS)), ms);
  }
}

/**
 * The floor's data that is not in the event stream: warnings (they appear as time passes, so they are also
 * checked every 15 s), devices, and today's figures for the charts. Events bring the refresh forward.
 */
export function afterEvents(): void {
  schedule('warnings', 300);
  schedule('charts', 3_000);
}

export function startFloorFeeds(): () => void {
  firstLoad = true;
  warningChecks.value = 0;
  void loadDevices();
  schedule('warnings', 0);
  schedule('charts', 0);
  return () => {
    if (warningsTimer) clearTimeout(warningsTimer);
    if (chartsTimer) clearTimeout(chartsTimer);
    if (refusedTimer) clearTimeout(refusedTimer);
    warningsTimer = chartsTimer = refusedTimer = null;
    devices.value = null;
    todayReport.value = null;
  };
}
