import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { attachment, CSV_CONTENT_TYPE } from "./attachment";

describe("attachment", () => {
  it("answers a download that is never sniffed or cached, named as given", async () => {
    const response = attachment("a,b\r\n", { fileName: "list.csv", contentType: CSV_CONTENT_TYPE });
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe('attachment; filename="list.csv"');
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("repr-digest")).toBeNull();
    expect(await response.text()).toBe("a,b\r\n");
  });

  it("carries the body's SHA-256 as an RFC 9530 Repr-Digest when given", async () => {
    const body = '{"bomFormat":"CycloneDX"}\n';
    const hex = createHash("sha256").update(body).digest("hex");
    const response = attachment(body, { fileName: "x.cdx.json", contentType: "application/json", sha256: hex });
    const b64 = createHash("sha256").update(await response.text()).digest("base64");
    expect(response.headers.get("repr-digest")).toBe(`sha-256=:${b64}:`);
  });
});
