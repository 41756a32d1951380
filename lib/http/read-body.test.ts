import { describe, expect, it } from "vitest";
import { PayloadTooLargeError, ValidationError } from "@/lib/errors";
import { DEFAULT_BODY_LIMIT_BYTES, readBodyBytes, readFormDataBody, readJsonBody } from "./read-body";

const URL_ = "http://localhost/api/anything";

/** A body of `total` bytes sent in 16 KiB chunks without Content-Length; `pulled()` says how much was read. */
function chunkedBody(total: number, fill = 0x20) {
  let sent = 0;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= total) return controller.close();
      const size = Math.min(16 * 1024, total - sent);
      sent += size;
      controller.enqueue(new Uint8Array(size).fill(fill));
    },
  });
  return { stream, pulled: () => sent };
}

function streamed(stream: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  return new Request(URL_, { method: "POST", headers, body: stream, duplex: "half" } as RequestInit);
}

describe("[HTTP] bounded body reading", () => {
  it("reads a body up to the limit exactly", async () => {
    const request = new Request(URL_, { method: "POST", body: "x".repeat(1024) });
    expect((await readBodyBytes(request, { maxBytes: 1024 })).byteLength).toBe(1024);
    expect((await readBodyBytes(new Request(URL_, { method: "POST" }))).byteLength).toBe(0);
  });

  it("refuses a declared Content-Length above the limit without reading the body", async () => {
    const { stream, pulled } = chunkedBody(10 * 1024 * 1024);
    const request = streamed(stream, { "content-length": String(10 * 1024 * 1024) });
    const error = await readBodyBytes(request, { maxBytes: 1024 }).catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect(error).toMatchObject({ status: 413, limitBytes: 1024, message: "The request body is larger than the 1 KB limit." });
    expect(pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  it("counts bytes as they arrive when there is no Content-Length and stops at the limit", async () => {
    const { stream, pulled } = chunkedBody(100 * 1024 * 1024);
    const error = await readBodyBytes(streamed(stream), { maxBytes: 1024 * 1024, tooLargeMessage: () => "too big" }).catch((e) => e);
    expect(error).toBeInstanceOf(PayloadTooLargeError);
    expect((error as Error).message).toBe("too big");
    expect(pulled()).toBeLessThan(2 * 1024 * 1024);
  });

  it("a lying Content-Length (smaller than the body) does not lift the limit", async () => {
    const { stream } = chunkedBody(3 * 1024 * 1024);
    await expect(readBodyBytes(streamed(stream, { "content-length": "10" }), { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(PayloadTooLargeError);
  });

  it("JSON bodies have a general default limit and clear 4xx errors", async () => {
    expect(DEFAULT_BODY_LIMIT_BYTES).toBe(1024 * 1024);
    expect(await readJsonBody(new Request(URL_, { method: "POST", body: '{"a":[1,"é"]}' }))).toEqual({ a: [1, "é"] });
    const { stream } = chunkedBody(DEFAULT_BODY_LIMIT_BYTES + 1);
    await expect(readJsonBody(streamed(stream))).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(readJsonBody(new Request(URL_, { method: "POST", body: "{nope" }))).rejects.toThrow("The request body must be valid JSON.");
    await expect(readJsonBody(new Request(URL_, { method: "POST", body: "  " }))).rejects.toThrow(/empty/);
    const latin1 = new Request(URL_, { method: "POST", body: new Uint8Array([0x22, 0xe9, 0x22]) });
    await expect(readJsonBody(latin1)).rejects.toBeInstanceOf(ValidationError);
  });

  it("form data is parsed only after its bytes were counted", async () => {
    const form = new FormData();
    form.append("a", "1");
    form.append("file", new File(["hello"], "h.txt"));
    const request = new Request(URL_, { method: "POST", body: form });
    const parsed = await readFormDataBody(request, { maxBytes: 64 * 1024 });
    expect(parsed.get("a")).toBe("1");
    expect(await (parsed.get("file") as File).text()).toBe("hello");
    const broken = new Request(URL_, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=x" }, body: "garbage" });
    await expect(readFormDataBody(broken)).rejects.toThrow("The upload could not be read as form data.");
  });
});
