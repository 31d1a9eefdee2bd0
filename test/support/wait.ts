/**
 * Waiting for a condition, not for a fixed time: `waitFor` checks `condition` until it returns a
 * value other than undefined/false and returns that value. The bound is only a safety net for a
 * condition that never comes (generous: a busy CI runner may be many times slower than a laptop);
 * tap's own per-file timeout stops a test file that hangs regardless.
 */
export async function waitFor<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  { what = 'the condition', timeoutMs = 180_000, intervalMs = 100 }: { what?: string; timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await condition();
    if (value !== undefined && value !== false) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`waited ${Math.round(timeoutMs / 1000)} s for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
