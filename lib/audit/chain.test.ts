import { describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/canonical-json";
import { GENESIS_HASH, hashEvent, verifyRun, type AuditContent, type StoredEvent } from "./chain";

function content(i: number): AuditContent {
  return {
    occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    actorId: "u1",
    actorLabel: "a@x.test",
    action: "system.updated",
    entityType: "AiSystem",
    entityId: `s${i}`,
    summary: { changes: { name: { from: "a", to: `b${i}` } } },
    requestMeta: null,
  };
}

function chain(n: number): StoredEvent[] {
  const events: StoredEvent[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < n; i++) {
    const c = content(i);
    const hash = hashEvent(prev, c);
    events.push({ ...c, id: i + 1, prevHash: prev, hash });
    prev = hash;
  }
  return events;
}

describe("[AUDIT] hash chain", () => {
  it("canonical JSON sorts keys at every depth and ignores insertion order", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it("a hash depends on the previous hash and on every field of the content", () => {
    const c = content(1);
    const h = hashEvent(GENESIS_HASH, c);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashEvent("f".repeat(64), c)).not.toBe(h);
    expect(hashEvent(GENESIS_HASH, { ...c, actorLabel: "b@x.test" })).not.toBe(h);
    expect(hashEvent(GENESIS_HASH, { ...c, summary: { changes: {} } })).not.toBe(h);
  });

  it("an intact chain verifies", () => {
    const events = chain(5);
    expect(verifyRun(GENESIS_HASH, events)).toEqual({ broken: null, lastHash: events[4]!.hash });
  });

  it("an edited event is reported as the first broken link", () => {
    const events = chain(5);
    events[2] = { ...events[2]!, summary: { changes: { name: { from: "a", to: "forged" } } } };
    const { broken } = verifyRun(GENESIS_HASH, events);
    expect(broken).toMatchObject({ id: "3", reason: "HASH_MISMATCH" });
  });

  it("a removed event breaks the link of the one after it", () => {
    const events = chain(5);
    events.splice(1, 1);
    expect(verifyRun(GENESIS_HASH, events).broken).toMatchObject({ id: "3", reason: "PREV_HASH_MISMATCH" });
  });
});
