import path from "node:path";
import zlib from "node:zlib";

/**
 * Makes yazl compute the CRC-32 of every ZIP entry with Node's native `zlib.crc32` instead of
 * its `buffer-crc32` dependency, a byte-at-a-time JavaScript loop.
 *
 * Why: a pack hashes every byte it writes, and the CRC ran on the main thread at ~140-300 MB/s
 * on the 2-core development machine against ~1.4-2 GB/s for `zlib.crc32` (same polynomial,
 * same values: ISO-HDLC, the one ZIP uses). It cost ~8 s of an organisation-wide pack (2.1 GB
 * of entries) and held a 500 MB evidence pack under 100 MB/s.
 *
 * How: yazl calls `crc32.unsigned(chunk, previous)` on the module object it required, at
 * call time; this replaces that one function on the very module instance yazl resolved (found
 * from yazl's own location), keeping its contract: a Buffer, string (UTF-8) or length (that
 * many zero bytes), and an optional previous value (number or 4-byte big-endian Buffer); an
 * unsigned 32-bit result. Other users of `buffer-crc32` in the process get the same values,
 * faster. Idempotent; does nothing on a Node without `zlib.crc32` (older than 20.15).
 *
 * The modules are resolved from the working directory with Node's own `createRequire`, taken
 * from `process.getBuiltinModule` so that a bundler (the Next.js production build) does not
 * rewrite the lookup; yazl is listed in `serverExternalPackages`, so the server loads that same
 * instance. If the lookup fails for any reason, yazl keeps its own CRC: slower, same bytes.
 * @returns whether the native CRC is in use.
 */
export function installNativeZipCrc32(): boolean {
  if (typeof zlib.crc32 !== "function") return false;
  let crc32: { unsigned: ((buf: unknown, previous?: unknown) => number) & { native?: true } };
  try {
    const { createRequire } = process.getBuiltinModule("node:module") as typeof import("node:module");
    const fromApp = createRequire(path.join(process.cwd(), "package.json"));
    crc32 = createRequire(fromApp.resolve("yazl"))("buffer-crc32");
  } catch {
    return false;
  }
  if (crc32.unsigned.native) return true;
  const native = (buf: unknown, previous?: unknown): number => {
    const data = typeof buf === "number" ? Buffer.alloc(buf) : (buf as string | Buffer);
    const start = Buffer.isBuffer(previous) ? previous.readUInt32BE(0) : Number(previous ?? 0) >>> 0;
    return zlib.crc32(data, start);
  };
  native.native = true as const;
  crc32.unsigned = native;
  return true;
}
