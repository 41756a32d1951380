import { describe, expect, it } from "vitest";
import { parseConfig } from "@/lib/config";
import { clientIp, normaliseIp, proxyMatcher, UNKNOWN_IP } from "./request-ip";

const trust = (list: string) => proxyMatcher(parseConfig({ TRUSTED_PROXIES: list }).TRUSTED_PROXIES);
const h = (init: Record<string, string>) => new Headers(init);

describe("[AUTH] client address behind proxies", () => {
  it("trusting no proxy (the default), any forwarding header is ignored: unknown", () => {
    const none = proxyMatcher([]);
    expect(none).toBeNull();
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.9" }), none)).toBe(UNKNOWN_IP);
    expect(clientIp(h({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }), none)).toBe(UNKNOWN_IP);
    expect(clientIp(h({ "x-real-ip": "203.0.113.9" }), none)).toBe(UNKNOWN_IP);
    expect(clientIp(h({}), none)).toBe(UNKNOWN_IP);
  });

  it("rotating a forged leftmost entry does not change the address we use", () => {
    const proxies = trust("10.0.0.0/8");
    const seen = new Set(
      ["1.1.1.1", "2.2.2.2", "3.3.3.3"].map((forged) => clientIp(h({ "x-forwarded-for": `${forged}, 198.51.100.7` }), proxies)),
    );
    expect([...seen]).toEqual(["198.51.100.7"]);
  });

  it("skips trusted hops from the right and returns the first untrusted one", () => {
    const proxies = trust("10.0.0.0/8, 192.168.0.1");
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.7" }), proxies)).toBe("198.51.100.7");
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.7, 10.1.2.3" }), proxies)).toBe("198.51.100.7");
    expect(clientIp(h({ "x-forwarded-for": "6.6.6.6, 198.51.100.7, 192.168.0.1, 10.1.2.3" }), proxies)).toBe("198.51.100.7");
  });

  it("when every hop is a proxy (it set only X-Real-IP), believes X-Real-IP, else the leftmost hop", () => {
    const proxies = trust("10.0.0.0/8");
    expect(clientIp(h({ "x-forwarded-for": "10.0.0.5", "x-real-ip": "198.51.100.8" }), proxies)).toBe("198.51.100.8");
    expect(clientIp(h({ "x-forwarded-for": "10.0.0.9, 10.0.0.5" }), proxies)).toBe("10.0.0.9");
    expect(clientIp(h({ "x-forwarded-for": "10.0.0.5", "x-real-ip": "not-an-ip" }), proxies)).toBe("10.0.0.5");
  });

  it("a hop that is not an address stops the walk", () => {
    const proxies = trust("10.0.0.0/8");
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.7, garbage, 10.0.0.1" }), proxies)).toBe(UNKNOWN_IP);
    expect(clientIp(h({ "x-forwarded-for": "" }), proxies)).toBe(UNKNOWN_IP);
  });

  it("matches IPv6 ranges and IPv4-mapped addresses", () => {
    const proxies = trust("::1, fd00::/8, 127.0.0.1");
    expect(clientIp(h({ "x-forwarded-for": "2001:db8::1, fd12::3" }), proxies)).toBe("2001:db8::1");
    expect(clientIp(h({ "x-forwarded-for": "198.51.100.7, ::ffff:127.0.0.1" }), proxies)).toBe("198.51.100.7");
    expect(clientIp(h({ "x-forwarded-for": "[2001:DB8::2], ::1" }), proxies)).toBe("2001:db8::2");
  });

  it("normalises addresses", () => {
    expect(normaliseIp("::ffff:10.0.0.1")).toBe("10.0.0.1");
    expect(normaliseIp("[::1]")).toBe("::1");
    expect(normaliseIp("1.2.3.4:80")).toBeNull();
    expect(normaliseIp("")).toBeNull();
  });
});
