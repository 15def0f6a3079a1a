import { PrintCommandSchema, parseTopic } from '@hall/shared';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { Logger } from 'pino';
import type { HubConnection } from '../../mqtt/hub-connection.js';
import { createPrinterDriver, type PrinterDriver, type PrinterDriverConfig } from './printer-driver.js';

const checkCommand = TypeCompiler.Compile(PrintCommandSchema);

export interface PrinterHost {
  start(): void;
  close(): Promise<void>;
  /** commands that were not a valid print job */
  rejected(): number;
}

/**
 * The kiosk printers this bridge drives, on the bridge's MQTT session: each listens on its device's `set` topic
 * for print jobs and reports on `event`, `state` and `availability` (the topics the hub's broker already allows
 * a bridge for its devices).
 */
export function createPrinterHost(printers: readonly PrinterDriverConfig[], hub: HubConnection, logger: Logger): PrinterHost {
  const drivers = new Map<string, PrinterDriver>();
  const online = new Map<string, boolean>();
  let rejected = 0;
  for (const p of printers) {
    drivers.set(
      p.id,
      createPrinterDriver(
        p,
        {
          report: (r) => hub.publishEvent(p.id, r),
          state: (s) => hub.publishState(p.id, s),
          availability: (up) => {
            online.set(p.id, up);
            if (hub.connected()) hub.publishAvailability(p.id, up);
          },
        },
        logger,
      ),
    );
  }
  // The hub connection subscribes to the printers' `set` topics with the other devices'; on every (re)connect
  // the printers' availability is said again, as the other devices' is.
  const onConnect = () => {
    for (const [id, up] of online) hub.publishAvailability(id, up);
  };
  const onMessage = (topic: string, payload: Buffer) => {
    const t = parseTopic(topic);
    if (!t || t.kind !== 'device' || t.channel !== 'set') return;
    const driver = drivers.get(t.deviceId);
    if (!driver) return;
    let cmd: unknown;
    try {
      cmd = JSON.parse(payload.toString('utf8'));
    } catch {
      cmd = undefined;
    }
    if (!checkCommand.Check(cmd)) {
      rejected++;
      return logger.warn({ printer: t.deviceId }, 'not a print job: dropped');
    }
    driver.print(cmd.jobId, Buffer.from(cmd.data, 'base64'));
  };
  return {
    start() {
      hub.client.on('connect', onConnect);
      hub.client.on('message', onMessage);
      if (hub.connected()) onConnect();
      for (const d of drivers.values()) d.start();
    },
    async close() {
      hub.client.off('connect', onConnect);
      hub.client.off('message', onMessage);
      await Promise.all([...drivers.values()].map((d) => d.close()));
    },
    rejected: () => rejected,
  };
}
