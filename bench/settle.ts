/**
 * Reads a value every `pollMs` until two consecutive reads agree (`same`), at most `capMs`:
 * for figures that arrive late, such as PostgreSQL's statistics counters, which backends flush
 * when a transaction ends and they go idle (at most once a second).
 *
 * @returns the last value read, how long it waited (ms) and whether it gave up at the cap.
 */
export async function readUntilSettled<T>(
  read: () => Promise<T>,
  same: (a: T, b: T) => boolean,
  { pollMs, capMs, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)), now = Date.now }: { pollMs: number; capMs: number; sleep?: (ms: number) => Promise<void>; now?: () => number },
): Promise<{ value: T; waitedMs: number; capped: boolean }> {
  const start = now();
  let last = await read();
  for (;;) {
    await sleep(pollMs);
    const next = await read();
    const waitedMs = now() - start;
    if (same(last, next)) return { value: next, waitedMs, capped: false };
    if (waitedMs >= capMs) return { value: next, waitedMs, capped: true };
    last = next;
  }
}
