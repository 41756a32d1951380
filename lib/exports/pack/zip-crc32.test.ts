import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import yazl from "yazl";
import { describe, expect, it } from "vitest";
import { installNativeZipCrc32 } from "./zip-crc32";

type Crc = { unsigned: (buf: unknown, previous?: unknown) => number };
const yazlsCrc = createRequire(createRequire(import.meta.url).resolve("yazl"))("buffer-crc32") as Crc;

describe("installNativeZipCrc32", () => {
  it("gives the same values as buffer-crc32 for every input form yazl and others use", () => {
    const original = yazlsCrc.unsigned;
    expect(installNativeZipCrc32()).toBe(true);
    expect(yazlsCrc.unsigned).not.toBe(original);
    expect(installNativeZipCrc32()).toBe(true); // idempotent
    const inputs: unknown[] = [Buffer.alloc(0), Buffer.from("hello"), randomBytes(1), randomBytes(70_001), "héllo wörld", 17];
    for (const input of inputs) {
      expect(yazlsCrc.unsigned(input)).toBe(original(input));
      // Chained as yazl does, from a previous value above 2^31, and from a 4-byte big-endian Buffer.
      const previous = original(randomBytes(33)) | 0x80000000;
      expect(yazlsCrc.unsigned(input, previous >>> 0)).toBe(original(input, previous >>> 0));
      const asBuffer = Buffer.alloc(4);
      asBuffer.writeUInt32BE(previous >>> 0);
      expect(yazlsCrc.unsigned(input, asBuffer)).toBe(original(input, asBuffer));
    }
  });

  it("lets yazl write archives whose CRCs unzip accepts", async () => {
    installNativeZipCrc32();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "zip-crc32-"));
    try {
      const file = path.join(dir, "a.zip");
      const zip = new yazl.ZipFile();
      zip.addReadStreamLazy("random.bin", { compress: false }, (cb) => cb(null, Readable.from([randomBytes(300_000), randomBytes(5)])));
      zip.addReadStreamLazy("text.txt", { compressionLevel: 1 }, (cb) => cb(null, Readable.from([Buffer.from("a,b\n".repeat(10_000))])));
      zip.addBuffer(Buffer.from("small"), "small.txt");
      zip.end();
      await new Promise<void>((resolve, reject) => zip.outputStream.pipe(fs.createWriteStream(file)).on("finish", resolve).on("error", reject));
      expect(execFileSync("unzip", ["-t", file], { encoding: "utf8" })).toContain("No errors detected");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
