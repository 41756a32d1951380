// GET /api/health/live - liveness only: the process answers HTTP. No database, no session, a
// constant body (Kubernetes-style liveness probe; /api/health is the readiness check). It is
// also the framework's own floor in `npm run bench:throughput`.
import { NextResponse } from "next/server";

export const dynamic = "force-dynamic";

export function GET() {
  return NextResponse.json({ ok: true });
}
