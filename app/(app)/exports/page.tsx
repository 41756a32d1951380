import type { Metadata } from "next";
import { ExportForm } from "@/components/exports/export-form";
import { ExportProgress } from "@/components/exports/export-progress";
import { Forbidden } from "@/components/forbidden";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { canExport, listEvidencePacks, listExportableSystems, retentionHours, type ExportPackDto } from "@/lib/exports/pack/stored-packs";
import { formatBytes } from "@/lib/format-bytes";

export const metadata: Metadata = { title: "Exports" };
export const dynamic = "force-dynamic";

const STATUS_TONE = { QUEUED: "slate", RUNNING: "blue", DONE: "green", FAILED: "red", EXPIRED: "slate" } as const;
const STATUS_LABEL = { QUEUED: "Queued", RUNNING: "Running", DONE: "Ready", FAILED: "Failed", EXPIRED: "Expired" } as const;

function scopeText(pack: ExportPackDto): string {
  const systems = pack.all ? `Every system (${pack.systemCount})` : `${pack.systemCount} system${pack.systemCount === 1 ? "" : "s"}`;
  const period = pack.from || pack.to ? `, ${pack.from ?? "start"} to ${pack.to ?? "today"}` : "";
  return systems + period;
}

export default async function ExportsPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const actor = await requireActor();
  if (!canExport(actor)) return <Forbidden message="Evidence packs are exported by auditors, security reviewers and admins." />;
  const ctx = { actor, db };
  const flash = await searchParams;
  const [packs, systems] = await Promise.all([listEvidencePacks(ctx), listExportableSystems(ctx)]);
  return (
    <>
      <PageHeader
        title="Exports"
        description="Signed evidence packs an auditor can verify offline with sha256sum and openssl (see VERIFY.md inside each pack). Packs are built in the background and deleted after a while."
      />
      {flash.requested ? <Alert tone="success" className="mb-4">Export requested. It is built in the background; this page shows its progress.</Alert> : null}
      <div className="grid gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-1">
          <CardHeader title="New evidence pack" />
          <CardBody>
            <ExportForm systems={systems} preselected={typeof flash.systemId === "string" ? flash.systemId : undefined} />
          </CardBody>
        </Card>
        <Card className="min-w-0 lg:col-span-2">
          <CardHeader title="Your exports" description={`Finished packs stay downloadable for ${retentionHours()} hours.`} />
          {packs.length === 0 ? (
            <CardBody>
              <EmptyState title="No exports yet" description="Choose systems and a period on the left to build your first evidence pack." />
            </CardBody>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="exports-table">
                <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="px-4 py-2">Requested</th>
                    <th className="px-4 py-2">Scope</th>
                    <th className="px-4 py-2">Status</th>
                    <th className="px-4 py-2">Size</th>
                    <th className="px-4 py-2"><span className="sr-only">Download</span></th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {packs.map((pack) => (
                    <tr key={pack.id} data-testid={`export-${pack.id}`}>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-700">
                        {pack.createdAt.slice(0, 16).replace("T", " ")}
                        {actor.role === "ADMIN" ? <span className="block text-xs text-slate-500">{pack.requestedBy}</span> : null}
                      </td>
                      <td className="px-4 py-3 text-slate-700">{scopeText(pack)}</td>
                      <td className="px-4 py-3">
                        {pack.status === "QUEUED" || pack.status === "RUNNING" ? (
                          <ExportProgress id={pack.id} initial={{ status: pack.status, progress: pack.progress, phase: pack.phase }} />
                        ) : (
                          <>
                            <Badge tone={STATUS_TONE[pack.status]}>{STATUS_LABEL[pack.status]}</Badge>
                            {pack.status === "FAILED" && pack.error ? <span className="mt-1 block text-xs text-red-700">{pack.error}</span> : null}
                            {pack.status === "DONE" && pack.expiresAt ? <span className="mt-1 block text-xs text-slate-500">until {pack.expiresAt.slice(0, 16).replace("T", " ")} UTC</span> : null}
                          </>
                        )}
                      </td>
                      <td className="whitespace-nowrap px-4 py-3 tabular-nums text-slate-700">{pack.sizeBytes === null ? "—" : formatBytes(pack.sizeBytes)}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-right">
                        {pack.status === "DONE" ? (
                          <a className="font-medium text-blue-700 hover:underline" href={`/api/exports/${pack.id}/download`} download>
                            Download
                          </a>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
