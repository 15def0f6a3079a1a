import type { DeviceCommand, HubEvent } from '@hall/shared';
import type { DeviceRegistry } from '../../app/device-registry.js';
import type { RealtimeFeed } from '../../app/realtime-feed.js';

/**
 * When a window finishes a service, its evaluators are told to ask for a rating of that ticket. (Strips are
 * display control's, app/led-strips.ts; the evaluator's prompt is the queue's.) Returns the unsubscribe.
 */
export function promptEvaluators(feed: RealtimeFeed, devices: DeviceRegistry, send: (deviceId: string, command: DeviceCommand) => void): () => void {
  return feed.onEvents((batch: HubEvent[]) => {
    for (const e of batch) {
      if (e.type === 'ServiceFinished' && e.window && e.ticket) {
        for (const d of devices.devicesOfWindow(e.window.no, 'evaluator')) {
          send(d.id, { command: 'prompt-rating', ticket: e.ticket.number, windowNo: e.window.no });
        }
      }
    }
  });
}
