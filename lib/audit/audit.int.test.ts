import { describe, expect, it } from "vitest";
import pg from "pg";
import { useTestDatabase } from "@/test/db";
import { createActor } from "@/test/factories";
import { appendAudit } from "./append";
import { verifyAuditChain, verifyAuditChainFor } from "./verify";
import { listAuditEvents, ZAuditFilter } from "./queries";

const t = useTestDatabase();

async function append(n: number, actor: { id: string; email: string }) {
  for (let i = 0; i < n; i++) {
    await t.db.$transaction((tx) =>
      appendAudit(tx, actor, { action: "system.updated", entityType: "AiSystem", entityId: `t${i}`, summary: { i, nested: { b: 2, a: 1 } } }, { ip: "127.0.0.1" }),
    );
  }
}

describe("[AUDIT] append-only hash chain in PostgreSQL", () => {
  it("events chain from the genesis hash and verify", async () => {
    const admin = await createActor(t.db, "ADMIN");
    await append(5, admin);
    const report = await verifyAuditChain(t.db);
    expect(report).toMatchObject({ ok: true, checked: 5, broken: null });
  });

  it("concurrent appends never fork the chain", async () => {
    const admin = await createActor(t.db, "ADMIN");
    await Promise.all(Array.from({ length: 8 }, () => append(2, admin)));
    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(true);
    const rows = await t.db.auditEvent.findMany({ select: { prevHash: true } });
    expect(new Set(rows.map((r) => r.prevHash)).size).toBe(rows.length);
  });

  it("the database refuses UPDATE, DELETE and TRUNCATE", async () => {
    await expect(t.db.$executeRawUnsafe(`UPDATE "AuditEvent" SET "action" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    await expect(t.db.$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
  });

  it("tampering as superuser (triggers bypassed) is detected at the first broken link", async () => {
    const victim = await t.db.auditEvent.findFirstOrThrow({ orderBy: { id: "asc" }, skip: 2 });
    const client = new pg.Client({ connectionString: t.url });
    await client.connect();
    try {
      await client.query("SET session_replication_role = replica");
      await client.query(`UPDATE "AuditEvent" SET "summary" = '{"i": 999}' WHERE id = $1`, [victim.id]);
      await client.query("SET session_replication_role = DEFAULT");
    } finally {
      await client.end();
    }
    const report = await verifyAuditChain(t.db);
    expect(report.ok).toBe(false);
    expect(report.broken).toMatchObject({ id: String(victim.id), reason: "HASH_MISMATCH" });
    expect(report.checked).toBe(2);
  });

  it("only admins, reviewers and auditors may read or verify the log", async () => {
    const po = await createActor(t.db, "PRODUCT_OWNER");
    await expect(listAuditEvents({ actor: po, db: t.db }, ZAuditFilter.parse({}))).rejects.toThrow(/may not/);
    await expect(verifyAuditChainFor({ actor: po, db: t.db })).rejects.toThrow(/may not/);
    const auditor = await createActor(t.db, "AUDITOR");
    const page = await listAuditEvents({ actor: auditor, db: t.db }, ZAuditFilter.parse({ action: "system.updated", limit: 3 }));
    expect(page.events).toHaveLength(3);
    expect(page.nextBefore).not.toBeNull();
    const next = await listAuditEvents({ actor: auditor, db: t.db }, ZAuditFilter.parse({ action: "system.updated", limit: 3, before: page.nextBefore }));
    expect(Number(next.events[0]!.id)).toBeLessThan(Number(page.events[2]!.id));
  });

  it("a page marker that is not a number is refused as bad input, never thrown past the filter", () => {
    for (const before of ["a\u0000b", "abc", "{}", "0000-01-01", "99999999999999999999"]) {
      const parsed = ZAuditFilter.safeParse({ before });
      expect(parsed.success, before).toBe(false);
    }
    expect(ZAuditFilter.safeParse({ before: "9223372036854775808" }).error?.issues[0]?.message).toBe("The page marker is out of range.");
    expect(ZAuditFilter.parse({ before: "42" }).before).toBe("42");
    // A period that ends before it starts is refused by name, for the page and both CSV exports.
    expect(ZAuditFilter.safeParse({ from: "2027-01-01", to: "2026-01-01" }).error?.issues[0]?.message).toBe("The start date is after the end date.");
    expect(ZAuditFilter.safeParse({ from: "2026-01-01", to: "2026-01-01" }).success).toBe(true);
  });
});
