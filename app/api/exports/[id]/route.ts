import { z } from "zod";
import { getEvidencePack } from "@/lib/exports/pack/stored-packs";
import { route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

export const dynamic = "force-dynamic";
const params = z.object({ id: zId("The export id") });

// GET /api/exports/:id - an export's status and progress (what the progress bar polls)
export const GET = route({ scope: "export:run", params }, async ({ ctx, params: { id } }) => getEvidencePack(ctx, id));
