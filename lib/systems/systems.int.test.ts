import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { actorOf, createActor, createUser, systemInput } from "@/test/factories";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createSystem } from "./create-system";
import { updateSystem } from "./update-system";
import { setSystemArchived } from "./archive-system";
import { EXACT_TOTAL_UP_TO, getSystem, listSystems } from "./queries";
import { loadSystemFacts } from "./access";

const t = useTestDatabase();

function editInput(system: Awaited<ReturnType<typeof getSystem>>, overrides: Record<string, unknown> = {}) {
  return {
    name: system.name,
    slug: system.slug,
    purpose: system.purpose,
    riskTier: system.riskTier,
    dataSensitivity: system.dataSensitivity,
    autonomy: system.autonomy,
    exposure: system.exposure,
    nextReviewDue: system.nextReviewDue ?? "",
    contributorIds: system.contributors.map((c) => c.id),
    expectedVersion: system.rowVersion,
    ...overrides,
  };
}

describe("[SYSTEMS] services against PostgreSQL", () => {
  it("a product owner creates a system they own, with a unique slug and an audit event", async () => {
    const po = await createActor(t.db, "PRODUCT_OWNER");
    const a = await createSystem({ actor: po, db: t.db }, systemInput({ name: "Claims Triage Bot" }));
    const b = await createSystem({ actor: po, db: t.db }, systemInput({ name: "Claims Triage Bot" }));
    expect(a.slug).toBe("claims-triage-bot");
    expect(b.slug).toBe("claims-triage-bot-2");
    const detail = await getSystem({ actor: po, db: t.db }, a.id);
    expect(detail.owner.id).toBe(po.id);
    const events = await t.db.auditEvent.findMany({ where: { entityId: a.id } });
    expect(events.map((e) => e.action)).toEqual(["system.created"]);
    expect(events[0]!.actorId).toBe(po.id);
  });

  it("bad input is refused with field errors and writes nothing", async () => {
    const po = await createActor(t.db, "PRODUCT_OWNER");
    const before = await t.db.aiSystem.count();
    const auditBefore = await t.db.auditEvent.count();
    const error = await createSystem({ actor: po, db: t.db }, systemInput({ name: "x", riskTier: "EXTREME", slug: "Bad Slug" })).catch((e) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(["name", "riskTier", "slug"]);
    expect(await t.db.aiSystem.count()).toBe(before);
    expect(await t.db.auditEvent.count()).toBe(auditBefore);
  });

  it("auditors and reviewers cannot create systems", async () => {
    for (const role of ["AUDITOR", "SECURITY_REVIEWER"] as const) {
      const actor = await createActor(t.db, role);
      await expect(createSystem({ actor, db: t.db }, systemInput())).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it("another product owner can neither see nor edit the system (reported as not found)", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const other = await createActor(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    await expect(getSystem({ actor: other, db: t.db }, id)).rejects.toBeInstanceOf(NotFoundError);
    const detail = await getSystem({ actor: owner, db: t.db }, id);
    await expect(updateSystem({ actor: other, db: t.db }, id, editInput(detail))).rejects.toBeInstanceOf(NotFoundError);
    const list = await listSystems({ actor: other, db: t.db }, {});
    expect(list.items.map((s) => s.id)).not.toContain(id);
  });

  it("a contributor can edit; a stale save conflicts, keeps the newer data and reports it", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const helper = await createUser(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [helper.id] }));
    const opened = await getSystem({ actor: owner, db: t.db }, id);
    const saved = await updateSystem({ actor: actorOf(helper), db: t.db }, id, editInput(opened, { name: "Renamed by helper" }));
    expect(saved.rowVersion).toBe(opened.rowVersion + 1);
    const conflict = await updateSystem({ actor: owner, db: t.db }, id, editInput(opened, { name: "Stale rename" })).catch((e) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as ConflictError).current).toMatchObject({ name: "Renamed by helper" });
    expect((await getSystem({ actor: owner, db: t.db }, id)).name).toBe("Renamed by helper");
    const audit = await t.db.auditEvent.findMany({ where: { entityId: id, action: "system.updated" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.summary).toMatchObject({ changes: { name: { to: "Renamed by helper" } } });
  });

  it("access facts are read afresh outside a page render: a new contributor sees the system at once, a removed one is refused at once", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const other = await createActor(t.db, "PRODUCT_OWNER");
    const system = await createSystem({ actor: owner, db: t.db }, systemInput());
    await expect(loadSystemFacts(t.db, other, system.id)).rejects.toBeInstanceOf(NotFoundError);
    await t.db.systemContributor.create({ data: { systemId: system.id, userId: other.id } });
    const facts = await loadSystemFacts(t.db, other, system.id);
    expect(facts.contributorIds).toEqual([other.id]);
    await t.db.systemContributor.deleteMany({ where: { systemId: system.id } });
    await expect(loadSystemFacts(t.db, other, system.id)).rejects.toBeInstanceOf(NotFoundError);
    // In a transaction too (the memo is for page renders only and never applies to one).
    await t.db.$transaction(async (tx) => {
      await tx.systemContributor.create({ data: { systemId: system.id, userId: other.id } });
      expect((await loadSystemFacts(tx, other, system.id)).contributorIds).toEqual([other.id]);
    });
  });

  it("lifecycle moves only along allowed transitions", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput());
    const s = await getSystem({ actor: owner, db: t.db }, id);
    await expect(updateSystem({ actor: owner, db: t.db }, id, editInput(s, { lifecycle: "DEPLOYED" }))).rejects.toThrow(/DEPLOYED is reached only through/);
    const moved = await updateSystem({ actor: owner, db: t.db }, id, editInput(s, { lifecycle: "IN_REVIEW" }));
    expect(moved.lifecycle).toBe("IN_REVIEW");
  });

  it("archive hides a system from the default list and freezes edits; only owner/admin may", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const helper = await createUser(t.db, "PRODUCT_OWNER");
    const { id } = await createSystem({ actor: owner, db: t.db }, systemInput({ contributorIds: [helper.id] }));
    let s = await getSystem({ actor: owner, db: t.db }, id);
    await expect(setSystemArchived({ actor: actorOf(helper), db: t.db }, id, { archived: true, expectedVersion: s.rowVersion })).rejects.toBeInstanceOf(ForbiddenError);
    await setSystemArchived({ actor: owner, db: t.db }, id, { archived: true, expectedVersion: s.rowVersion });
    s = await getSystem({ actor: owner, db: t.db }, id);
    expect(s.archivedAt).not.toBeNull();
    expect(s.can.edit).toBe(false);
    expect((await listSystems({ actor: owner, db: t.db }, {})).items.map((i) => i.id)).not.toContain(id);
    expect((await listSystems({ actor: owner, db: t.db }, { archived: "archived" })).items.map((i) => i.id)).toContain(id);
    await expect(updateSystem({ actor: owner, db: t.db }, id, editInput(s))).rejects.toThrow(/Restore/);
  });
});

describe("[SYSTEMS] keyset pagination and filters", () => {
  it("walks every page exactly once for each sort, in both directions", async () => {
    const po = await createActor(t.db, "PRODUCT_OWNER");
    const tiers = ["LOW", "MEDIUM", "HIGH", "CRITICAL"];
    for (let i = 0; i < 23; i++) {
      await createSystem(
        { actor: po, db: t.db },
        systemInput({ name: `Paged ${String(i % 7).padStart(2, "0")}`, riskTier: tiers[i % 4], nextReviewDue: i % 3 === 0 ? "" : `2027-0${(i % 9) + 1}-15` }),
      );
    }
    for (const sort of ["name", "updated", "tier", "review"] as const) {
      for (const dir of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let cursor: string | undefined;
        for (let guard = 0; guard < 20; guard++) {
          const page = await listSystems({ actor: po, db: t.db }, { sort, dir, limit: 5, cursor });
          seen.push(...page.items.map((s) => s.id));
          expect(page.total).toBe(23);
          if (!page.nextCursor) break;
          cursor = page.nextCursor;
        }
        expect(seen, `${sort} ${dir}`).toHaveLength(23);
        expect(new Set(seen).size, `${sort} ${dir}`).toBe(23);
      }
    }
  });

  it("counts exactly up to EXACT_TOTAL_UP_TO matching systems and says 'estimate' above it", async () => {
    const po = await createActor(t.db, "PRODUCT_OWNER");
    const n = EXACT_TOTAL_UP_TO + 10;
    await t.db.$executeRaw`
      INSERT INTO "AiSystem" ("id", "slug", "name", "purpose", "ownerId", "riskTier", "dataSensitivity", "autonomy", "exposure", "updatedAt")
      SELECT 'many-' || ${po.id} || '-' || g, 'many-' || ${po.id} || '-' || g, 'Many ' || g, 'Bulk', ${po.id},
        (CASE WHEN g <= 7 THEN 'CRITICAL' ELSE 'LOW' END)::"RiskTier", 'INTERNAL', 'ASSISTIVE', 'INTERNAL', now()
      FROM generate_series(1, ${n}) g`;
    const all = await listSystems({ actor: po, db: t.db }, {});
    expect(all.totalExact).toBe(false);
    expect(all.total).toBeGreaterThan(EXACT_TOTAL_UP_TO);
    expect(all.items).toHaveLength(25);
    const few = await listSystems({ actor: po, db: t.db }, { tier: "CRITICAL" });
    expect(few).toMatchObject({ total: 7, totalExact: true, nextCursor: null });
    // Another owner's scope counts none of them.
    const other = await listSystems({ actor: await createActor(t.db, "PRODUCT_OWNER"), db: t.db }, {});
    expect(other).toMatchObject({ total: 0, totalExact: true });
  });

  it("filters by tier and searches name and purpose", async () => {
    const po = await createActor(t.db, "PRODUCT_OWNER");
    await createSystem({ actor: po, db: t.db }, systemInput({ name: "Fraud scorer", riskTier: "CRITICAL", purpose: "Scores card payments for fraud." }));
    const critical = await listSystems({ actor: po, db: t.db }, { tier: ["CRITICAL"], q: "card payments" });
    expect(critical.items.map((s) => s.name)).toEqual(["Fraud scorer"]);
    const none = await listSystems({ actor: po, db: t.db }, { tier: "LOW", q: "Fraud" });
    expect(none.items).toHaveLength(0);
    // LIKE wildcards in the search are literal characters.
    expect((await listSystems({ actor: po, db: t.db }, { q: "%" })).items).toHaveLength(0);
    expect((await listSystems({ actor: po, db: t.db }, { q: "_" })).items).toHaveLength(0);
  });
});
