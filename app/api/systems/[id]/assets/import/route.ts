import { NextResponse } from "next/server";
import { importAssetsCsv } from "@/lib/assets/import-csv";
import { importAssetsCycloneDx } from "@/lib/assets/import-cyclonedx";
import { ImportRejectedError } from "@/lib/assets/import-errors";
import { readImportUpload } from "@/lib/assets/import-upload";
import { apiRoute } from "@/lib/http";

type Params = { id: string };

// POST /api/systems/:id/assets/import - import assets from a CSV file or a CycloneDX 1.6 JSON BOM (all or nothing)
export const POST = apiRoute<Params>(async (ctx, request, { id }) => {
  const { format, file } = await readImportUpload(request);
  try {
    const result = format === "csv" ? await importAssetsCsv(ctx, id, file) : await importAssetsCycloneDx(ctx, id, file);
    return NextResponse.json(result, { status: 201 });
  } catch (error) {
    // Per-row problems travel with the error so the page can list them.
    if (error instanceof ImportRejectedError) return NextResponse.json(error.toBody(), { status: error.status });
    throw error;
  }
});
