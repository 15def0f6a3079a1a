import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { HallConfig } from '../../config/hall-config-schema.js';

/**
 * Per-device credentials without a password file: each device's, bridge's and the hub's own password is
 * derived from the hall secret and the id (and a version, bumped to revoke). The configuration holds no
 * secrets; `npm run device-credentials` prints them for provisioning.
 */
export interface DeviceCredentials {
  /** the password of a device, bridge, or `hub`; null for an unknown id */
  passwordFor(id: string): string | null;
  verify(id: string, password: string): boolean;
}

export function createDeviceCredentials(secret: Buffer, config: HallConfig): DeviceCredentials {
  const key = Buffer.from(hkdfSync('sha256', secret, 'hall-hub', 'device-credentials', 32));
  const versions = new Map<string, string>([
    ['hub', 'hub:1'],
    ...config.bridges.map((b): [string, string] => [b.id, `bridge:${b.credentialVersion}`]),
    ...config.devices.map((d): [string, string] => [d.id, `device:${d.credentialVersion}`]),
  ]);
  const derive = (id: string, v: string) =>
    createHmac('sha256', key).update(`${config.hall.id}/${id}/${v}`).digest('base64url').slice(0, 32);
  // Each kiosk request and socket handshake is verified: the HMAC is worked out once per device, not each time
  // (the versions are read once, above: a revocation comes with a new configuration, so a new object).
  const expected = new Map<string, Buffer>();
  return {
    passwordFor(id) {
      const v = versions.get(id);
      return v === undefined ? null : derive(id, v);
    },
    verify(id, password) {
      const v = versions.get(id);
      if (v === undefined) return false;
      let want = expected.get(id);
      if (!want) expected.set(id, (want = Buffer.from(derive(id, v))));
      const got = Buffer.from(password);
      return want.length === got.length && timingSafeEqual(want, got);
    },
  };
}
