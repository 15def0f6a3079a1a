/**
 * The kiosk's device identity: passed once in the launch URL (?device=kiosk-1&token=…), then kept in
 * localStorage so a reload needs nothing. The hub checks it on every socket connection and print request.
 */
export interface DeviceIdentity {
  deviceId: string;
  token: string;
}

export function deviceIdentity(): DeviceIdentity | null {
  const params = new URLSearchParams(location.search);
  const deviceId = params.get('device');
  const token = params.get('token');
  if (deviceId && token) {
    localStorage.setItem('hall.kiosk.device', JSON.stringify({ deviceId, token }));
    return { deviceId, token };
  }
  const saved = localStorage.getItem('hall.kiosk.device');
  if (!saved) return null;
  try {
    const v = JSON.parse(saved) as Partial<DeviceIdentity>;
    return typeof v.deviceId === 'string' && typeof v.token === 'string' ? { deviceId: v.deviceId, token: v.token } : null;
  } catch {
    return null;
  }
}
