import type { DisplayScene } from '@hall/shared';
import { streamClient, until, type StreamClient } from '@hall/testkit/clients';
import type { TestHub } from '@hall/testkit/hub-fixture';

/** A real socket.io display client that keeps every scene the hub pushes to it. */
export interface Screen extends StreamClient {
  scenes: DisplayScene[];
}

export function connectScreen(hub: TestHub, id: string, closers: Array<() => unknown>): Screen {
  const c = streamClient(hub.base, 'display', { deviceId: id, token: hub.credentials.passwordFor(id)! }) as Screen;
  c.scenes = [];
  c.socket.on('scene', (s: DisplayScene) => c.scenes.push(s));
  closers.push(() => c.close());
  return c;
}

/** The first scene from index `from` on that satisfies `pred`. */
export const sceneWhere = (c: Screen, pred: (s: DisplayScene) => boolean, what: string, from = 0) =>
  until(
    (check) => {
      c.socket.on('scene', check);
      return () => void c.socket.off('scene', check);
    },
    () => c.scenes.slice(from).find(pred),
    10_000,
    what,
  );

/** The campaign ids in a screen's latest scene. */
export const campaignsOn = (c: Screen): string[] => (c.scenes.at(-1)?.signage?.campaigns ?? []).map((x) => x.id).sort();

/**
 * A real image uploaded to the hub's media library: its id. The library is content-addressed (the same bytes are
 * one asset), so each name gets its own colour.
 */
export async function uploadImage(hub: TestHub, name: string): Promise<string> {
  const { default: sharp } = await import('sharp');
  const shade = [...name].reduce((h, ch) => (h * 31 + ch.charCodeAt(0)) % 256, 7);
  const png = await sharp({ create: { width: 64, height: 36, channels: 3, background: { r: 200, g: shade, b: 30 } } }).png().toBuffer();
  const r = await hub.app.inject({ method: 'POST', url: `/api/media?name=${encodeURIComponent(`${name}.png`)}`, headers: { ...hub.as('boss'), 'content-type': 'image/png' }, payload: png });
  if (r.statusCode !== 201) throw new Error(`upload: ${r.statusCode} ${r.body}`);
  return (r.json() as { id: string }).id;
}
