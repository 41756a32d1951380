import { z } from "zod";
import { getLibraryDocument } from "@/lib/controls/queries";
import { route } from "@/lib/http";

// A library version is semver (x.y.z); anything else names no version (404).
const params = z.object({ version: z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}$/) });

export const dynamic = "force-dynamic";

// GET /api/library/:version - one control library version's document, as a JSON attachment
export const GET = route({ scope: "systems:read", params }, async ({ ctx, params: { version } }) => {
  const { document } = await getLibraryDocument(ctx, version);
  return new Response(`${JSON.stringify(document, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="control-library-${version}.json"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
