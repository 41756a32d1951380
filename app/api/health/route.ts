import { NextResponse } from "next/server";
import { db } from "@/lib/db/client";
import { route } from "@/lib/http";

// GET /api/health - liveness and database reachability, for load balancers and Docker (no caller needed)
export const GET = route({ auth: "none" }, async () => {
  try {
    await db.$queryRaw`SELECT 1`;
    return NextResponse.json({ ok: true });
  } catch {
    return NextResponse.json({ ok: false, error: "database unreachable" }, { status: 503 });
  }
});
