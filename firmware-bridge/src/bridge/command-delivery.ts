import type { DeviceCommand } from '@hall/shared/devices';
import type { Logger } from 'pino';
import { commandMessages } from '../drivers/index.js';
import type { Message } from '../protocol/frame.js';
import type { createCounters } from './counters.js';
import { takeSeq, type AwaitedAck, type DeviceRuntime, type StateValue } from './device-runtime.js';
import type { DeviceOutput } from './device-output.js';

/** A device answers an unacknowledged command's repeat within this; after two repeats the command is given up. */
const ACK_TIMEOUT_MS = 1000;
const ACK_TRIES = 3;
/** ACK 3 "busy": the command is sent again after this, at most this many times (PROTOCOL.md §2). */
const BUSY_RETRY_MS = 500;
const BUSY_TRIES = 5;

type Command = Parameters<typeof commandMessages>[1];

/** What a strip command replaces: the latest command of each slot is what the strip should show. */
function stripSlot(cmd: DeviceCommand): string {
  switch (cmd.command) {
    case 'brightness':
    case 'power':
      return cmd.command;
    case 'show-bitmap':
      return `area-${cmd.area ?? 0}`;
    default:
      return 'area-0';
  }
}

/** What a device shows or is once it has acknowledged a command. */
function stateAfter(cmd: Command): Record<string, StateValue> {
  switch (cmd.command) {
    case 'show-call':
    case 'show-text':
      return { showing: cmd.text };
    case 'show-bitmap':
      return { showing: `bitmap ${cmd.width}×${cmd.height}` };
    case 'clear':
      return { showing: null };
    case 'brightness':
      return { brightness: cmd.level };
    case 'power':
      return { power: cmd.on };
    case 'prompt-rating':
      return { prompting: cmd.ticket };
  }
}

export interface CommandDeliveryDeps {
  out: DeviceOutput;
  counters: ReturnType<typeof createCounters>;
  logger: Logger;
  closing(): boolean;
  /** per evaluator, the tickets the hub said its latest ratings went to (hub-requests.ts) */
  ratedAt: ReadonlyMap<string, string[]>;
}

/** The hub's commands to devices: framed, sent, repeated until acknowledged, and for strips the latest kept. */
export interface CommandDelivery {
  sendCommand(d: DeviceRuntime, command: Command): void;
  /** A strip that missed a command (given up) gets the latest command of that slot once it is heard and idle. */
  converge(d: DeviceRuntime): void;
}

export function createCommandDelivery(deps: CommandDeliveryDeps): CommandDelivery {
  const { out, counters, logger } = deps;

  /**
   * Sends a command and repeats it until it is acknowledged: after 1 s of silence (twice), and after 500 ms on
   * "busy" (five times). A command given up is remembered by its slot, and the strip gets the latest of that
   * slot the next time it is heard (converge).
   */
  function sendAwaitingAck(d: DeviceRuntime, seq: number, m: Message, onOk?: () => void, onGiveUp?: () => void): void {
    const old = d.awaitingAck.get(seq);
    if (old) clearTimeout(old.timer);
    const frame = out.send(d, m);
    let busy = 0;
    const resend = (next: () => void, ms: number) => {
      out.resend(d, entry.frame);
      entry.timer = setTimeout(next, ms);
    };
    const giveUp = (counter: 'ack_timeout' | 'busy_given_up') => {
      d.awaitingAck.delete(seq);
      counters.add(counter);
      onGiveUp?.();
    };
    const retry = () => {
      if (deps.closing() || d.awaitingAck.get(seq) !== entry) return;
      if (entry.tries >= ACK_TRIES) return giveUp('ack_timeout');
      entry.tries += 1;
      resend(retry, ACK_TIMEOUT_MS);
    };
    const entry: AwaitedAck = {
      frame,
      tries: 1,
      timer: setTimeout(retry, ACK_TIMEOUT_MS),
      onOk,
      onBusy() {
        if (deps.closing() || d.awaitingAck.get(seq) !== entry) return;
        counters.add('device_busy');
        if (++busy > BUSY_TRIES) return giveUp('busy_given_up');
        entry.timer = setTimeout(() => {
          if (deps.closing() || d.awaitingAck.get(seq) !== entry) return;
          entry.tries = 1;
          resend(retry, ACK_TIMEOUT_MS);
        }, BUSY_RETRY_MS);
      },
    };
    d.awaitingAck.set(seq, entry);
  }

  function converge(d: DeviceRuntime): void {
    if (!d.stale.size || d.awaitingAck.size || !d.online || d.refusedBy) return;
    const slots = [...d.stale];
    d.stale.clear();
    counters.add('converged', slots.length);
    for (const slot of slots) {
      const cmd = d.latest.get(slot);
      if (cmd) sendCommand(d, cmd);
    }
  }

  function sendCommand(d: DeviceRuntime, command: Command): void {
    const slot = d.config.type === 'led-strip' ? stripSlot(command) : null;
    if (slot !== null) {
      d.latest.set(slot, command);
      d.stale.delete(slot);
    }
    const messages = commandMessages(d.config.type, command, () => takeSeq(d));
    if (!messages.ok) {
      counters.add('unsupported_command');
      logger.warn({ device: d.config.id, error: messages.error }, 'command not sent');
      return;
    }
    messages.value.forEach(({ seq, message }, i) => {
      // The strip's state changes when its last frame is acknowledged.
      const last = i === messages.value.length - 1;
      const onShown = () => {
        if (command.command === 'prompt-rating' && deps.ratedAt.get(d.config.id)?.includes(command.ticket)) return;
        out.setState(d, stateAfter(command));
      };
      // A strip that never took it gets it (or a newer one of the same slot) when it is next heard.
      const onGiveUp = () => {
        if (slot !== null && d.latest.get(slot) === command) d.stale.add(slot);
      };
      sendAwaitingAck(d, seq, message, last ? onShown : undefined, onGiveUp);
    });
  }

  return { sendCommand, converge };
}
