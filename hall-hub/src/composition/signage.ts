import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { attachProofOfPlaySockets } from '../adapters/socket/proof-of-play-sockets.js';
import { createSqliteSignageStore } from '../adapters/sqlite/sqlite-signage-store.js';
import type { DisplayControl } from '../app/display-control.js';
import { createProofOfPlay, type ProofOfPlay } from '../app/proof-of-play.js';
import { createSignageLibrary, type SignageLibrary } from '../app/signage-library.js';
import { isBuiltInGroup } from '../domain/displays/settings-rules.js';

const HOUR = 3_600_000;

/**
 * Signage: layouts and campaigns (resolved into each display's scene by display control) and proof of play
 * (over the display namespace, kept `signage.proofOfPlay.retentionDays`), drawing on the media library. Made before display control, which
 * reads it; it reads display control back through `control` once that exists.
 */
export function createSignageParts(app: FastifyInstance, control: () => DisplayControl | null): { library: SignageLibrary; proof: ProofOfPlay; attach(): void } {
  const { config, engine } = app;
  const store = createSqliteSignageStore(app.db);
  // the media library (plugin `media-library`) is the catalog campaigns draw from
  const media = app.media;
  const library = createSignageLibrary({
    store,
    media,
    now: () => engine.now(),
    newId: () => randomUUID(),
    displays: () => control()?.settings() ?? [],
    names: {
      display: (id) => (control()?.get(id) ?? null) !== null,
      group: (g) => isBuiltInGroup(g) || (control()?.groups().some((x) => x.id === g) ?? false),
      zone: (z) => config.zones.some((x) => x.id === z),
    },
    zoneOfWindow: (no) => config.windows.find((w) => w.no === no)?.zone ?? null,
    changed: () => control()?.refresh(),
  });
  const proof = createProofOfPlay({
    store,
    now: () => engine.now(),
    timeZone: config.hall.timeZone,
    retentionDays: config.signage.proofOfPlay.retentionDays,
    displayName: (id) => control()?.get(id)?.name ?? id,
    campaignName: (id) => library.campaign(id)?.name ?? null,
    mediaName: (id) => media.asset(id)?.name ?? null,
  });
  media.useUsage({ isMediaInUse: (id) => library.isMediaInUse(id) });
  media.onChange(() => library.mediaChanged());
  return {
    library,
    proof,
    attach() {
      attachProofOfPlaySockets(app.sockets.io, proof, app.rejections, (err) => app.hubLogger.warn({ err }, 'proof of play'));
      proof.prune();
      const timer = setInterval(() => proof.prune(), HOUR);
      timer.unref();
      app.addHook('onClose', async () => clearInterval(timer));
    },
  };
}
