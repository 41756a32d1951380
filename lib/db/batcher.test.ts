import { describe, expect, it } from "vitest";
import { batcherPerClient, createBatcher } from "./batcher";

/** A batch runner whose batches the test releases by hand; records each batch's items. */
function gated<I, O>(map: (item: I) => O) {
  const batches: I[][] = [];
  const releases: Array<(fail?: Error) => void> = [];
  const run = (items: I[]) =>
    new Promise<O[]>((resolve, reject) => {
      batches.push(items);
      releases.push((fail) => (fail ? reject(fail) : resolve(items.map(map))));
    });
  return { run, batches, releases };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("createBatcher", () => {
  it("puts calls made in the same turn into one batch and gives each its own result", async () => {
    const g = gated((n: number) => n * 10);
    const call = createBatcher(g.run);
    const answers = Promise.all([call(1), call(2), call(3)]);
    await turn();
    expect(g.batches).toEqual([[1, 2, 3]]);
    g.releases[0]!();
    expect(await answers).toEqual([10, 20, 30]);
  });

  it("runs at most maxInFlight batches; calls arriving meanwhile wait and go together", async () => {
    const g = gated((n: number) => n);
    const call = createBatcher(g.run, { maxInFlight: 1 });
    const first = call(1);
    await turn();
    const later = Promise.all([call(2), call(3)]);
    await turn();
    await turn();
    expect(g.batches).toEqual([[1]]); // 2 and 3 wait for the slot
    g.releases[0]!();
    expect(await first).toBe(1);
    await turn(); // the slot frees after the batch's promise chain settles,
    await turn(); // then the waiting calls start on the next turn
    expect(g.batches).toEqual([[1], [2, 3]]);
    g.releases[1]!();
    expect(await later).toEqual([2, 3]);
  });

  it("splits at maxBatch", async () => {
    const g = gated((n: number) => n);
    const call = createBatcher(g.run, { maxBatch: 2, maxInFlight: 5 });
    const all = Promise.all([1, 2, 3, 4, 5].map(call));
    await turn();
    expect(g.batches).toEqual([[1, 2], [3, 4], [5]]);
    g.releases.forEach((release) => release());
    expect(await all).toEqual([1, 2, 3, 4, 5]);
  });

  it("a failed batch fails every call in it and no other", async () => {
    const g = gated((n: number) => n);
    const call = createBatcher(g.run, { maxBatch: 2, maxInFlight: 2 });
    const results = Promise.allSettled([call(1), call(2), call(3)]);
    await turn();
    g.releases[0]!(new Error("insert failed"));
    g.releases[1]!();
    const settled = await results;
    expect(settled.map((s) => s.status)).toEqual(["rejected", "rejected", "fulfilled"]);
    expect((settled[0] as PromiseRejectedResult).reason).toMatchObject({ message: "insert failed" });
  });

  it("a runner returning the wrong number of results fails the batch", async () => {
    const call = createBatcher(async (items: number[]) => items.slice(1));
    await expect(Promise.all([call(1), call(2)])).rejects.toThrow(/2 items/);
  });

  it("keeps one batcher per client", () => {
    const perClient = batcherPerClient((_db: object) => createBatcher(async (items: number[]) => items));
    const a = {};
    expect(perClient(a)).toBe(perClient(a));
    expect(perClient(a)).not.toBe(perClient({}));
  });
});
