/**
 * The display's identity: given once in the launch URL (?device=wall-main&token=…), then kept in localStorage
 * so a reload — by the watchdog, or after a power cut — needs nothing.
 */
export interface DeviceIdentity {
  deviceId: string;
  token: string;
}

const KEY = 'hall.display.device';

export function deviceIdentity(): DeviceIdentity | null {
  const params = new URLSearchParams(location.search);
  const deviceId = params.get('device');
  const token = params.get('token');
  if (deviceId && token) {
    localStorage.setItem(KEY, JSON.stringify({ deviceId, token }));
    return { deviceId, token };
  }
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<DeviceIdentity> | null;
    return v && typeof v.deviceId === 'string' && typeof v.token === 'string' ? { deviceId: v.deviceId, token: v.token } : null;
  } catch {
    return null;
  }
}
