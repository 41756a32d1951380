import { getLibraryDocument } from "@/lib/controls/queries";
import { apiRoute } from "@/lib/http";

type Params = { version: string };

export const dynamic = "force-dynamic";

// GET /api/library/:version - one control library version's document, as a JSON attachment
export const GET = apiRoute<Params>(async (ctx, _request, { version }) => {
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
