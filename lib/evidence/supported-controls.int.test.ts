import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import { linkEvidence } from "@/lib/checklists/evidence-links";
import { getChecklistView } from "@/lib/checklists/queries";
import { addEvidence } from "@/lib/evidence/create-evidence";
import { getEvidence, listEvidence } from "@/lib/evidence/queries";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";

const t = useTestDatabase();
const ctx = (actor: Actor) => ({ actor, db: t.db });

describe("[EVIDENCE] evidence names the checklist controls it supports", () => {
  it("the evidence list, the evidence item and the checklist item's evidence name each control by code and title, linking to its checklist item", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const system = await createSystem(ctx(owner), systemInput());
    const evidence = await addEvidence(ctx(owner), system.id, { kind: "NOTE", title: "Threat modelling workshop", effectiveDate: "2026-01-01", body: "Notes." });
    const unused = await addEvidence(ctx(owner), system.id, { kind: "NOTE", title: "Not attached", effectiveDate: "2026-01-01", body: "Notes." });
    // Two applicable items, attached in reverse library order: the lists come back ordered by code.
    const items = await t.db.checklistItem.findMany({
      where: { checklist: { systemId: system.id }, applicable: true },
      select: { id: true, control: { select: { code: true, title: true } } },
      take: 2,
      orderBy: { control: { position: "desc" } },
    });
    expect(items).toHaveLength(2);
    for (const item of items) await linkEvidence(ctx(owner), item.id, { evidenceId: evidence.id });
    const expected = items
      .map((i) => ({ itemId: i.id, code: i.control.code, title: i.control.title, href: `/systems/${system.id}/checklist?item=${i.id}#item-${i.id}` }))
      .sort((x, y) => x.code.localeCompare(y.code, "en", { numeric: true }));

    const listed = await listEvidence(ctx(owner), system.id);
    expect(listed.find((e) => e.id === evidence.id)!.supports).toEqual(expected);
    expect(listed.find((e) => e.id === unused.id)!.supports).toEqual([]);
    expect((await getEvidence(ctx(owner), evidence.id)).supports).toEqual(expected);

    const view = await getChecklistView(ctx(owner), system.id);
    if (!view.checklist) throw new Error("the system has a checklist");
    const onItem = view.items.find((i) => i.id === items[0]!.id)!.evidence.find((e) => e.id === evidence.id)!;
    expect(onItem.supports).toEqual(expected);
    // Both items carry the very same object for the evidence: React's payload then writes it (and
    // its list of controls) once per page instead of once per item it is attached to.
    const onOther = view.items.find((i) => i.id === items[1]!.id)!.evidence.find((e) => e.id === evidence.id)!;
    expect(onOther).toBe(onItem);
  });
});
