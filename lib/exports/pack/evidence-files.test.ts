import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { copyPayloads } from "./evidence-files";

/** A one-column binary COPY stream of `rows` as PostgreSQL writes it (header, rows, trailer). */
function copyStream(rows: (Buffer | null)[], extension = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(19);
  Buffer.from("PGCOPY\n\xff\r\n\0", "latin1").copy(header);
  header.writeUInt32BE(extension.byteLength, 15);
  const parts: Buffer[] = [header, extension];
  for (const row of rows) {
    const head = Buffer.alloc(6);
    head.writeInt16BE(1);
    head.writeInt32BE(row ? row.byteLength : -1, 2);
    parts.push(head, row ?? Buffer.alloc(0));
  }
  const trailer = Buffer.alloc(2);
  trailer.writeInt16BE(-1);
  return Buffer.concat([...parts, trailer]);
}

/** The payload bytes, as hex (quick to compare). */
async function collect(pieces: Buffer[]): Promise<string> {
  const out: Buffer[] = [];
  for await (const b of copyPayloads((async function* () { yield* pieces; })())) out.push(b);
  return Buffer.concat(out).toString("hex");
}

describe("copyPayloads", () => {
  const rows: (Buffer | null)[] = [randomBytes(1000), Buffer.alloc(0), randomBytes(7), null, randomBytes(4096)];
  const stream = copyStream(rows, Buffer.from("ext"));
  const expected = Buffer.concat(rows.filter((r): r is Buffer => r !== null)).toString("hex");

  it("yields the rows' bytes in order, whatever the stream's piece boundaries", async () => {
    expect(await collect([stream])).toEqual(expected);
    for (let cut = 1; cut < stream.byteLength; cut += 3) {
      expect(await collect([stream.subarray(0, cut), stream.subarray(cut)])).toEqual(expected);
    }
    const bytes = [...stream].map((b) => Buffer.from([b]));
    expect(await collect(bytes)).toEqual(expected);
  });

  it("refuses what is not a complete one-column binary COPY stream", async () => {
    await expect(collect([stream.subarray(0, stream.byteLength - 1)])).rejects.toThrow(/ended early/);
    await expect(collect([Buffer.from("not a copy stream at all")])).rejects.toThrow(/Not a binary COPY/);
    const twoColumns = Buffer.from(stream);
    twoColumns.writeInt16BE(2, 19 + 3);
    await expect(collect([twoColumns])).rejects.toThrow(/one column/);
  });
});
