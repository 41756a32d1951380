import { describe, expect, it } from "vitest";
import { readUntilSettled } from "@/bench/settle";

/** A fake clock: sleeping advances it, so the test takes no real time. */
function clock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
}

describe("bench: read the statistics until they settle (instead of a fixed 1.2 s wait)", () => {
  it("returns once two consecutive reads agree, with the time it waited", async () => {
    const values = [10, 14, 17, 17, 99];
    const c = clock();
    const result = await readUntilSettled(async () => values.shift()!, (a, b) => a === b, { pollMs: 250, capMs: 15_000, ...c });
    expect(result).toEqual({ value: 17, waitedMs: 750, capped: false });
  });

  it("late figures (after 1.2 s) are waited for, not cut off", async () => {
    const c = clock();
    // The counter keeps moving for 3 s (a backend flushing late), then stays.
    const result = await readUntilSettled(async () => Math.min(c.now(), 3000), (a, b) => a === b, { pollMs: 250, capMs: 15_000, ...c });
    expect(result.value).toBe(3000);
    expect(result.capped).toBe(false);
  });

  it("gives up at the cap and says so", async () => {
    const c = clock();
    const result = await readUntilSettled(async () => c.now(), (a, b) => a === b, { pollMs: 250, capMs: 2000, ...c });
    expect(result).toMatchObject({ capped: true, waitedMs: 2000 });
  });
});
