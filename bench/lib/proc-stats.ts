import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';

function clockTicks(): number {
  try {
    const n = Number(execSync('getconf CLK_TCK', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim());
    return n > 0 ? n : 100;
  } catch {
    return 100;
  }
}

/** Kernel clock ticks per second (`getconf CLK_TCK`, usually 100): the unit of /proc/<pid>/stat times. */
export const CLK_TCK = clockTicks();

/** User and system CPU time of a process so far, in milliseconds (resolution 1000 / CLK_TCK ms). */
export function cpuTimes(pid: number): { user: number; system: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces or parentheses: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime is field 14, stime field 15.
  const utime = Number(fields[14 - 3]);
  const stime = Number(fields[15 - 3]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error(`cannot read CPU times of ${pid}`);
  return { user: (utime * 1000) / CLK_TCK, system: (stime * 1000) / CLK_TCK };
}

/** User + system CPU time of a process so far, in milliseconds. */
export function cpuMs(pid: number): number {
  const t = cpuTimes(pid);
  return t.user + t.system;
}

/** Resident set size of a process now (VmRSS) and its peak so far (VmHWM), in bytes. */
export function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => {
    const m = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
    if (!m) throw new Error(`cannot read ${field} of ${pid}`);
    return Number(m[1]) * 1024;
  };
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** The soft limit on open files of this process (what `ulimit -n` says). */
export function openFileLimit(): number {
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  return !m || m[1] === 'unlimited' ? Number.POSITIVE_INFINITY : Number(m[1]);
}

/**
 * The machine's CPU pressure (Linux PSI, /proc/pressure/cpu "some" total): microseconds during which at least
 * one runnable task waited for a CPU. Sampled before and after a measurement it says how contended the machine
 * was meanwhile; null where PSI is not available.
 */
export function cpuPressureUs(): number | null {
  try {
    const m = /^some .*total=(\d+)/m.exec(readFileSync('/proc/pressure/cpu', 'utf8'));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The share of `wallMs` (percent) during which some task waited for a CPU, from a PSI reading taken at its start. */
export function pressurePct(from: number | null, wallMs: number): number | null {
  const to = cpuPressureUs();
  return from === null || to === null ? null : (100 * (to - from)) / 1000 / wallMs;
}

/** "CPU pressure 42% (…)", for a log line. */
export function describePressure(from: number | null, wallMs: number): string {
  const pct = pressurePct(from, wallMs);
  return pct === null ? 'CPU pressure unknown' : `CPU pressure ${pct.toFixed(0)}% (some task waiting for a CPU)`;
}

/**
 * Watches this process's event loop while a measurement runs. The receivers live here: when the loop lags,
 * what is measured is this process's backlog, not the server's latency.
 */
export function watchOwnLoop(): { stop(): { p99: number; max: number } } {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  return {
    stop() {
      h.disable();
      return { p99: h.percentile(99) / 1e6, max: h.max / 1e6 };
    },
  };
}

/** A warning line when the machine or the measuring process was too busy for latency figures to mean much. */
export function contentionWarning(pressurePct: number | null, ownLoopP99Ms: number): string | null {
  const why: string[] = [];
  if (pressurePct !== null && pressurePct > 50) why.push(`CPU pressure ${pressurePct.toFixed(0)}% (other work on this machine)`);
  if (ownLoopP99Ms > 50) why.push(`the benchmark's own event loop lagged ${ownLoopP99Ms.toFixed(0)} ms (p99)`);
  return why.length ? `  ! contended run: ${why.join('; ')} — latency figures are not representative` : null;
}
