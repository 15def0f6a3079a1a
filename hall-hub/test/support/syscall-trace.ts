import { readFileSync } from 'node:fs';

/** One system call as strace saw it (`-f -ttt -T -yy`): when it began and ended, its descriptor's path or socket. */
export interface Syscall {
  pid: number;
  name: string;
  /** seconds since the epoch */
  start: number;
  end: number;
  /** the first argument's descriptor as `-yy` decodes it: a path, or `TCP:[local->remote]` */
  fd: string;
  /** the rest of the line: arguments (strings cut at strace's -s) and result */
  text: string;
}

/**
 * strace's arguments for a hub whose disk flushes and socket traffic are to be checked: every fdatasync/fsync
 * (held `delayMs` by strace, so that anything not waiting for it visibly overtakes it), every read and write
 * (strings up to 4 KiB: an uplink batch's JSON, an HTTP head).
 */
export function straceArgs(logFile: string, delayMs: number): string[] {
  return [
    'strace',
    '-f',
    '-ttt',
    '-T',
    '-yy',
    '-s',
    '65536',
    '--seccomp-bpf',
    '-e',
    'trace=fdatasync,fsync,pwrite64,write,writev,read',
    '-e',
    `inject=fdatasync,fsync:delay_exit=${delayMs * 1000}`,
    '-o',
    logFile,
  ];
}

const LINE = /^(\d+)\s+(\d+\.\d+)\s+(.*)$/;
const CALL = /^(\w+)\((\d+)<(.*?)>(?=[,)])(.*)$/;
const DURATION = /<(\d+\.\d+)>$/;

/**
 * Parses an strace log, joining calls another thread interrupted (`<unfinished ...>` … `<... x resumed>`).
 * A call strace delayed (`(DELAYED)`, see straceArgs) returned `delayMs` after the time -T shows: strace holds
 * the thread at the call's exit, after it has timed it.
 */
export function readTrace(logFile: string, delayMs: number): Syscall[] {
  const calls: Syscall[] = [];
  const pending = new Map<number, { start: number; head: string }>();
  for (const line of readFileSync(logFile, 'utf8').split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    const pid = Number(m[1]);
    const at = Number(m[2]);
    let rest = m[3]!;
    let start = at;
    if (rest.endsWith('<unfinished ...>')) {
      pending.set(pid, { start: at, head: rest.slice(0, -'<unfinished ...>'.length).trimEnd() });
      continue;
    }
    const resumed = /^<\.\.\. \w+ resumed>(.*)$/.exec(rest);
    if (resumed) {
      const p = pending.get(pid);
      if (!p) continue;
      pending.delete(pid);
      rest = p.head + resumed[1]!;
      start = p.start;
    }
    const c = CALL.exec(rest);
    const d = DURATION.exec(rest);
    if (!c || !d) continue;
    const held = rest.includes('(DELAYED)') ? delayMs / 1000 : 0;
    calls.push({ pid, name: c[1]!, start, end: start + Number(d[1]) + held, fd: c[3]!, text: c[4]! });
  }
  return calls.sort((a, b) => a.start - b.start);
}

/** A TCP descriptor's local and remote ports, from `-yy`'s `TCP:[127.0.0.1:40681->127.0.0.1:49072]`. */
export function tcpPorts(fd: string): { local: number; remote: number } | null {
  const m = /^TCP:\[[^\]]*?:(\d+)->[^\]]*?:(\d+)\]$/.exec(fd);
  return m ? { local: Number(m[1]), remote: Number(m[2]) } : null;
}
