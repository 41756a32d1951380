// GET /api/health/live - liveness only: the process answers HTTP. No database, no session, a
// constant body (Kubernetes-style liveness probe; /api/health is the readiness check). It is
// also the framework's own floor in `npm run bench:throughput`; route() with auth "none" adds
// no I/O (no caller, no schemas), only the common error mapping.
import { NextResponse } from "next/server";
import { route } from "@/lib/http";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "none" }, async () => NextResponse.json({ ok: true }));
