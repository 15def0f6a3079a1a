/**
 * Tells the inline boot watchdog (boot-script.ts) that the app has started, so it does not reload the page.
 * Called once the first render is on screen.
 */
export function markAppStarted(): void {
  const w = window as Window & { __hallBootWatchdog?: () => void };
  w.__hallBootWatchdog?.();
}
