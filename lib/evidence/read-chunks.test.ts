import { describe, expect, it } from "vitest";
import { readChunks } from "./store-file";

async function collect(source: AsyncIterable<Uint8Array>) {
  const out: Uint8Array[] = [];
  for await (const chunk of source) out.push(chunk);
  return out;
}

function streamOf(pieces: number[], onCancel?: () => void) {
  let i = 0;
  let next = 0;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (i === pieces.length) return controller.close();
        controller.enqueue(Uint8Array.from({ length: pieces[i++]! }, () => next++ % 251));
      },
      cancel: () => onCancel?.(),
    },
    { highWaterMark: 0 },
  );
}

describe("[EVIDENCE] re-chunking an upload stream", () => {
  it("cuts any input sizes into fixed pieces, the last one shorter, without losing or reordering a byte", async () => {
    const chunks = await collect(readChunks(streamOf([3, 10, 1, 0, 7, 2]), 1000, 4));
    expect(chunks.map((c) => c.byteLength)).toEqual([4, 4, 4, 4, 4, 3]);
    expect([...chunks.flatMap((c) => [...c])]).toEqual(Array.from({ length: 23 }, (_, n) => n % 251));
    // The short last piece is its own buffer (no spare bytes behind it).
    expect(chunks.at(-1)!.buffer.byteLength).toBe(3);
  });

  it("accepts plain async iterables", async () => {
    async function* source() {
      yield new Uint8Array([1, 2, 3, 4, 5]);
    }
    expect((await collect(readChunks(source(), 10, 2))).map((c) => [...c])).toEqual([[1, 2], [3, 4], [5]]);
  });

  it("fails as soon as the total passes the limit and cancels the source", async () => {
    let cancelled = false;
    const pieces = [6, 6, 6, 6];
    const read = collect(readChunks(streamOf(pieces, () => (cancelled = true)), 10, 4));
    await expect(read).rejects.toThrow(/larger than the 10 bytes limit/);
    expect(cancelled).toBe(true);
  });

  it("gives up on a source that stops sending when the signal aborts, and cancels it", async () => {
    let cancelled = false;
    const stalled = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => {}), cancel: () => void (cancelled = true) }, { highWaterMark: 0 });
    const deadline = new AbortController();
    setTimeout(() => deadline.abort(new Error("too slow")), 20);
    await expect(collect(readChunks(stalled, 10, 4, deadline.signal))).rejects.toThrow("too slow");
    expect(cancelled).toBe(true);
  });

  it("yields nothing for an empty source", async () => {
    expect(await collect(readChunks(streamOf([]), 10, 4))).toEqual([]);
  });
});
