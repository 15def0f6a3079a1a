import type { KeypadPress } from '../drivers/keypad/codec.js';

/**
 * A keypad script: steps separated by `;`, e.g. `login S1; call-next; wait 3000; start; wait 5000; finish`.
 * Steps: any keypad op (`call A012`, `transfer window 5`, `transfer line tax`, `pause 临时离开`, `login S1`), `wait MS`, and a
 * final `repeat` to run the script again. Parsed up front: a bad script stops the simulator before it starts.
 */
export type ScriptStep = { kind: 'press'; press: KeypadPress } | { kind: 'wait'; ms: number } | { kind: 'repeat' };

const SIMPLE = ['logout', 'call-next', 'recall', 'start', 'finish', 'no-show', 'suspend', 'resume'] as const;

export function parseKeypadScript(script: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  const parts = script.split(';').map((s) => s.trim()).filter(Boolean);
  parts.forEach((part, i) => {
    const [word, ...args] = part.split(/\s+/);
    const arg = args.join(' ');
    if (word === 'wait' && /^[0-9]+$/.test(arg)) steps.push({ kind: 'wait', ms: Number(arg) });
    else if (word === 'repeat' && !arg && i === parts.length - 1) steps.push({ kind: 'repeat' });
    else if (word === 'login' && arg) steps.push({ kind: 'press', press: { op: 'login', staffNo: arg } });
    else if (word === 'call' && arg) steps.push({ kind: 'press', press: { op: 'call', number: arg } });
    else if (word === 'pause') steps.push({ kind: 'press', press: arg ? { op: 'pause', reason: arg } : { op: 'pause' } });
    else if (word === 'transfer' && args[0] === 'window' && args[1]) steps.push({ kind: 'press', press: { op: 'transfer', toWindowNo: args[1] } });
    else if (word === 'transfer' && args[0] === 'line' && args[1]) steps.push({ kind: 'press', press: { op: 'transfer', toLineId: args[1] } });
    else if ((SIMPLE as readonly string[]).includes(word ?? '') && !arg) steps.push({ kind: 'press', press: { op: word as (typeof SIMPLE)[number] } });
    else throw new Error(`keypad script step ${i + 1} (${JSON.stringify(part)}) is not understood`);
  });
  return steps;
}

/** Runs a script on a keypad; `onReply` sees each press and its reply. Stops when `stopped()` says so. */
export async function runKeypadScript<R>(
  steps: ScriptStep[],
  press: (p: KeypadPress) => Promise<R>,
  onReply: (p: KeypadPress, r: R | Error) => void,
  stopped: () => boolean,
): Promise<void> {
  do {
    for (const step of steps) {
      if (stopped()) return;
      if (step.kind === 'wait') await new Promise((r) => setTimeout(r, step.ms));
      else if (step.kind === 'press') {
        const r = await press(step.press).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
        onReply(step.press, r);
      }
    }
  } while (steps.at(-1)?.kind === 'repeat' && !stopped());
}
