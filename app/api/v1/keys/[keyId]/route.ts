import { z } from "zod";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { route } from "@/lib/http";
import { listPublicKeys } from "@/lib/signing";

export const dynamic = "force-dynamic";

/**
 * GET /api/v1/keys/<keyId>: one signing public key as a PEM file (the key id is the `keyid` of
 * a DSSE signature), for `openssl pkeyutl -verify -pubin -inkey`. No authentication, like
 * /api/v1/keys. 404 for an unknown id.
 */
export const GET = route({ auth: "none", params: z.object({ keyId: z.string().regex(/^[0-9a-f]{64}$/) }) }, async ({ params }) => {
  const key = (await listPublicKeys(db)).find((k) => k.keyId === params.keyId);
  if (!key) throw new NotFoundError("No signing key with this id.");
  return new Response(key.publicKeyPem, { headers: { "content-type": "application/x-pem-file", "cache-control": "public, max-age=3600" } });
});
