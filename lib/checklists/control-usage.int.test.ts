import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";
import { createSystem } from "@/lib/systems/create-system";
import { controlUsageAcrossSystems } from "./control-usage";
import { getChecklistView } from "./queries";
import { updateChecklistItem } from "./update-item";

const t = useTestDatabase();

describe("[CHECKLIST] a control across systems", () => {
  it("counts where a control applies and its statuses, with a link per system; product owners count only their own systems", async () => {
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const other = await createActor(t.db, "PRODUCT_OWNER");
    const auditor = await createActor(t.db, "AUDITOR");
    const a = await createSystem({ actor: owner, db: t.db }, systemInput({ name: "Alpha assistant", riskTier: "HIGH" }));
    await createSystem({ actor: other, db: t.db }, systemInput({ name: "Beta bot", riskTier: "HIGH" }));
    const view = await getChecklistView({ actor: owner, db: t.db }, a.id);
    const item = view.items!.find((i) => i.applicable && !i.evidenceRequired && !i.reviewerOnly) ?? view.items!.find((i) => i.applicable && !i.reviewerOnly)!;
    await updateChecklistItem({ actor: owner, db: t.db }, item.id, { expectedVersion: item.rowVersion, status: "IN_PROGRESS" });

    const all = (await controlUsageAcrossSystems({ actor: auditor, db: t.db }))[item.code]!;
    expect(all.applies).toBe(2);
    expect(all.byStatus).toEqual({ IN_PROGRESS: 1, NOT_STARTED: 1 });
    expect(all.systems.map((s) => s.systemName)).toEqual(["Alpha assistant", "Beta bot"]);
    expect(all.systems[0]!.href).toBe(`/systems/${a.id}/checklist?item=${item.id}#item-${item.id}`);

    const mine = (await controlUsageAcrossSystems({ actor: owner, db: t.db }))[item.code]!;
    expect(mine.applies).toBe(1);
    expect(mine.systems.map((s) => s.systemName)).toEqual(["Alpha assistant"]);
  });
});
