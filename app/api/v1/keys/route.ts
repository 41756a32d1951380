import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http";
import { listPublicKeys } from "@/lib/signing";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/keys: the instance's signing public keys (active and retired), PEM with
 * fingerprint and dates. No authentication: public keys are public, and verifiers (admission
 * controllers, auditors offline) must fetch them without holding an API token. A read: the key
 * is created on first use by signing (or an admin opening Settings), not here, so the list is
 * empty on a fresh instance. Never includes private material (lib/signing/keys.ts selects
 * public columns).
 */
export const GET = route({ auth: "none" }, async () => {
  return NextResponse.json({ keys: await listPublicKeys(db) }, { headers: { "cache-control": "public, max-age=60" } });
});
