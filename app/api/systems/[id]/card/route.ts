import { z } from "zod";
import { systemCardHtml } from "@/lib/exports/system-card";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// GET /api/systems/:id/card - the printable system card (self-contained HTML, no script)
export const GET = route({ scope: "systems:read", params }, async ({ ctx, params: { id } }) => {
  const { html } = await systemCardHtml(ctx, id);
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'",
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "no-store",
    },
  });
});
