import type { SystemProfile } from "@/lib/controls/applicability";
import type { DbOrTx } from "@/lib/service-context";

/** The attributes applicability rules look at, read fresh from the system and its assets. */
export async function loadSystemProfile(db: DbOrTx, systemId: string): Promise<SystemProfile> {
  const system = await db.aiSystem.findUniqueOrThrow({
    where: { id: systemId },
    select: {
      riskTier: true,
      dataSensitivity: true,
      autonomy: true,
      exposure: true,
      lifecycle: true,
      assets: { select: { kind: true, capabilities: true } },
    },
  });
  return {
    riskTier: system.riskTier,
    dataSensitivity: system.dataSensitivity,
    autonomy: system.autonomy,
    exposure: system.exposure,
    lifecycle: system.lifecycle,
    assetKinds: [...new Set(system.assets.map((a) => a.kind))],
    capabilities: [...new Set(system.assets.flatMap((a) => a.capabilities))],
  };
}
