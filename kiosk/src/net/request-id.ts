/** A request key (idempotency key): the hub applies a request once, however often it is sent. 8–64 characters. */
export function newRequestId(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
