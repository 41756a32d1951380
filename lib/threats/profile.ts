import "server-only";
import type { DbOrTx } from "./access";
import type { ThreatProfile } from "./suggestion-rules";

/** The system profile and bill of materials suggestion rules read, fresh from the database. */
export async function loadThreatProfile(db: DbOrTx, systemId: string): Promise<ThreatProfile> {
  const system = await db.aiSystem.findUniqueOrThrow({
    where: { id: systemId },
    select: {
      riskTier: true,
      dataSensitivity: true,
      autonomy: true,
      exposure: true,
      assets: {
        orderBy: [{ kind: "asc" }, { name: "asc" }],
        select: {
          id: true,
          kind: true,
          name: true,
          version: true,
          notes: true,
          sha256: true,
          capabilities: true,
          credentialType: true,
          humanApprovalRequired: true,
          dueDiligence: true,
        },
      },
    },
  });
  return { riskTier: system.riskTier, dataSensitivity: system.dataSensitivity, autonomy: system.autonomy, exposure: system.exposure, assets: system.assets };
}
