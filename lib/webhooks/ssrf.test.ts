import { describe, expect, it } from "vitest";
import { chooseAddress, classifyAddress, parseWebhookUrl, WebhookTargetError } from "./ssrf";

const range = (ip: string) => classifyAddress(ip)?.range;
const isPublic = (ip: string) => classifyAddress(ip)?.public;

describe("[WEBHOOKS] SSRF guard: address classification", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["::", "unspecified"],
    ["169.254.169.254", "linkLocal"],
    ["fe80::1", "linkLocal"],
    ["100.64.0.1", "carrierGradeNat"],
    ["100.127.255.254", "carrierGradeNat"],
    ["10.0.0.1", "private"],
    ["172.16.5.4", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["fc00::1", "uniqueLocal"],
    ["fd12:3456::1", "uniqueLocal"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["192.0.2.10", "reserved"],
    ["240.0.0.1", "reserved"],
  ])("%s is %s and refused", (ip, expected) => {
    expect(range(ip)).toBe(expected);
    expect(isPublic(ip)).toBe(false);
    expect(classifyAddress(ip)!.reason).toBeTruthy();
  });

  it("IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry", () => {
    expect(classifyAddress("::ffff:127.0.0.1")).toMatchObject({ address: "127.0.0.1", family: 4, range: "loopback", public: false });
    expect(classifyAddress("::ffff:7f00:1")).toMatchObject({ address: "127.0.0.1", range: "loopback" });
    expect(classifyAddress("::ffff:169.254.169.254")).toMatchObject({ range: "linkLocal", public: false });
    expect(classifyAddress("::ffff:10.0.0.1")).toMatchObject({ range: "private", public: false });
    // A mapped public address is the public address.
    expect(classifyAddress("::ffff:8.8.8.8")).toMatchObject({ address: "8.8.8.8", public: true });
  });

  it("IPv6 forms that embed an IPv4 address, and everything outside 2000::/3, are refused", () => {
    expect(isPublic("::7f00:1")).toBe(false); // IPv4-compatible ::127.0.0.1
    expect(isPublic("::127.0.0.1")).toBe(false);
    expect(range("64:ff9b::7f00:1")).toBe("rfc6052"); // NAT64
    expect(range("2002:7f00:1::1")).toBe("6to4");
    expect(range("2001:0:4136:e378::1")).toBe("teredo");
    expect(isPublic("2001:db8::1")).toBe(false); // documentation
    expect(range("4000::1")).toBe("notGlobal");
  });

  it("public unicast addresses pass", () => {
    for (const ip of ["93.184.215.14", "8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "2a00:1450:4001::200e"]) expect(isPublic(ip), ip).toBe(true);
    expect(classifyAddress("93.184.215.14")).toMatchObject({ family: 4, range: "unicast", reason: null });
  });

  it("text that is not an IP address is not classified", () => {
    expect(classifyAddress("example.com")).toBeNull();
    expect(classifyAddress("")).toBeNull();
  });
});

describe("[WEBHOOKS] SSRF guard: URLs", () => {
  it("decimal, octal and hex IPv4 spellings are normalised by the URL parser and caught as literals", () => {
    expect(parseWebhookUrl("http://2130706433/hook").literal).toBe("127.0.0.1");
    expect(parseWebhookUrl("http://0177.0.0.1/hook").literal).toBe("127.0.0.1");
    expect(parseWebhookUrl("http://0x7f.1/hook").literal).toBe("127.0.0.1");
    expect(parseWebhookUrl("http://0/").literal).toBe("0.0.0.0");
    expect(parseWebhookUrl("http://0251.0376.0251.0376/").literal).toBe("169.254.169.254");
    for (const url of ["http://2130706433/hook", "http://0177.0.0.1/hook", "http://0x7f.1/hook"]) {
      expect(() => chooseAddress("127.0.0.1", [parseWebhookUrl(url).literal!], false)).toThrow(/loopback/);
    }
  });

  it("bracketed IPv6 literals lose their brackets; a mapped loopback literal is still loopback", () => {
    expect(parseWebhookUrl("http://[::1]:8080/x")).toMatchObject({ host: "::1", literal: "::1" });
    const mapped = parseWebhookUrl("http://[::ffff:127.0.0.1]/x");
    expect(classifyAddress(mapped.literal!)).toMatchObject({ range: "loopback" });
  });

  it("host names are not literals (they are resolved and every address checked)", () => {
    expect(parseWebhookUrl("https://Hooks.Example.com/aigov?x=1")).toMatchObject({ host: "hooks.example.com", literal: null });
  });

  it.each([
    ["ftp://example.com/hook", /https:\/\/ or http:\/\//],
    ["file:///etc/passwd", /https:\/\/ or http:\/\//],
    ["javascript:alert(1)", /https:\/\/ or http:\/\//],
    ["not a url", /not a valid address/],
    ["https://user:secret@example.com/hook", /user names and passwords/],
    ["https://example.com/hook#frag", /fragment/],
  ])("%s is refused", (url, message) => {
    expect(() => parseWebhookUrl(url)).toThrow(message);
    try {
      parseWebhookUrl(url);
    } catch (e) {
      expect((e as WebhookTargetError).kind).toBe("invalid");
    }
  });
});

describe("[WEBHOOKS] SSRF guard: resolved addresses", () => {
  it("every address must be public: one private answer among public ones refuses the host", () => {
    expect(chooseAddress("hooks.example.com", ["93.184.215.14"], false).address).toBe("93.184.215.14");
    expect(() => chooseAddress("rebind.example", ["93.184.215.14", "127.0.0.1"], false)).toThrow(/rebind\.example resolves to 127\.0\.0\.1, a loopback address/);
    expect(() => chooseAddress("metadata.example", ["169.254.169.254"], false)).toThrow(/link-local/);
  });

  it("private targets pass only when allowed", () => {
    expect(chooseAddress("localhost", ["127.0.0.1"], true).address).toBe("127.0.0.1");
    expect(() => chooseAddress("localhost", ["127.0.0.1"], false)).toThrow(/unless an admin allows private targets/);
  });

  it("no answer is 'unresolved' (may be temporary); a refusal is 'refused'", () => {
    expect(() => chooseAddress("gone.example", [], false)).toThrow(WebhookTargetError);
    try {
      chooseAddress("gone.example", [], false);
    } catch (e) {
      expect((e as WebhookTargetError).kind).toBe("unresolved");
    }
    try {
      chooseAddress("127.0.0.1", ["127.0.0.1"], false);
    } catch (e) {
      expect((e as WebhookTargetError).kind).toBe("refused");
      expect((e as Error).message).toBe("Refused: 127.0.0.1 is a loopback address (this machine). Webhooks may only reach public addresses unless an admin allows private targets.");
    }
  });
});
