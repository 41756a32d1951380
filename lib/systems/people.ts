import { ValidationError } from "@/lib/errors";
import type { DbOrTx } from "@/lib/service-context";

/** Owners and contributors must be active users who may edit systems. */
export async function assertAssignablePeople(db: DbOrTx, ownerId: string, contributorIds: readonly string[]) {
  const ids = [...new Set([ownerId, ...contributorIds])];
  const users = await db.user.findMany({
    where: { id: { in: ids }, disabled: false, role: { in: ["PRODUCT_OWNER", "ADMIN"] } },
    select: { id: true },
  });
  const found = new Set(users.map((u) => u.id));
  if (!found.has(ownerId)) {
    throw new ValidationError("The owner must be an active product owner or admin.", {
      ownerId: ["Choose an active product owner or admin."],
    });
  }
  const missing = contributorIds.filter((id) => !found.has(id));
  if (missing.length) {
    throw new ValidationError("Contributors must be active product owners or admins.", {
      contributorIds: [`${missing.length} selected contributor(s) cannot edit systems.`],
    });
  }
}
