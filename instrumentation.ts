/**
 * Next.js start-up hook (runs once per server process, before the first request): starts the
 * background job runner in the same process (lib/jobs/in-process.ts). Skipped during
 * `next build` and in the edge runtime.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { startJobsInProcess } = await import("./lib/jobs/in-process");
  await startJobsInProcess();
}
