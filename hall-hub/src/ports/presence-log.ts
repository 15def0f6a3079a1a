/** Online/offline history of devices, screens and bridges. */
export interface PresenceLog {
  record(deviceId: string, online: boolean, at: number, via: string): void;
  history(deviceId: string, limit: number): Array<{ online: boolean; at: number; via: string }>;
}
