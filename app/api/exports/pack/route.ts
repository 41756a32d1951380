import { PassThrough, Readable } from "node:stream";
import { z } from "zod";
import { createEvidencePack, resolvePackScope } from "@/lib/exports/pack/create-pack";
import { route } from "@/lib/http";
import { getSigningKey } from "@/lib/signing";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

const query = z.object({
  systemId: z.union([z.string(), z.array(z.string())]).optional(),
  all: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
});

// GET /api/exports/pack?systemId=…&systemId=…|all=true&from=YYYY-MM-DD&to=YYYY-MM-DD
// An evidence pack streamed straight to the caller (small packs; large ones go through the
// Exports page, built in the background). The scope is checked before the first byte; the
// export is audited once the manifest is signed.
export const GET = route({ scope: "export:run", query }, async ({ ctx, query: q }) => {
  const systemIds = q.systemId === undefined ? [] : Array.isArray(q.systemId) ? q.systemId : [q.systemId];
  const scope = await resolvePackScope(ctx, { systemIds, all: q.all ?? false, from: q.from, to: q.to });
  const signer = await getSigningKey(ctx.db);
  const body = new PassThrough();
  createEvidencePack(ctx, scope, body, { signer }).catch((error: unknown) => {
    console.error(error);
    body.destroy(error instanceof Error ? error : new Error("The export failed."));
  });
  const name = `evidence-pack-${scope.all ? "all" : scope.systemIds.length === 1 ? "system" : `${scope.systemIds.length}-systems`}-${new Date().toISOString().slice(0, 10)}.zip`;
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store, no-transform",
    },
  });
});
