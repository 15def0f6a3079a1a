const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends a write (with its request key) until the hub answers: a send that got no answer may or may not have been
 * applied, so the visitor is told the result is unknown and the same request goes again — the key makes the hub
 * apply it once.
 */
export async function untilAnswered<T>(send: () => Promise<T>, onUnknown: () => void): Promise<T> {
  for (;;) {
    try {
      return await send();
    } catch {
      onUnknown();
      await pause(1000);
    }
  }
}
