import { NextResponse } from "next/server";
import { z } from "zod";
import { importAssetsCsv } from "@/lib/assets/import-csv";
import { importAssetsCycloneDx } from "@/lib/assets/import-cyclonedx";
import { ImportRejectedError } from "@/lib/assets/import-errors";
import { readImportUpload } from "@/lib/assets/import-upload";
import { created, route } from "@/lib/http";
import { zId } from "@/lib/validation/fields";

const params = z.object({ id: zId("The system id") });

// POST /api/systems/:id/assets/import - import assets from a CSV file or a CycloneDX 1.6 JSON BOM (all or nothing).
// The body is read by readImportUpload with the import byte limit, counted as it arrives.
export const POST = route({ scope: "systems:write", params }, async ({ ctx, request, params: { id } }) => {
  const { format, file } = await readImportUpload(request);
  try {
    return created(format === "csv" ? await importAssetsCsv(ctx, id, file) : await importAssetsCycloneDx(ctx, id, file));
  } catch (error) {
    // Per-row problems travel with the error so the page can list them.
    if (error instanceof ImportRejectedError) return NextResponse.json(error.toBody(), { status: error.status });
    throw error;
  }
});
