import type { Metadata } from "next";
import { z } from "zod";
import { AddEvidenceForm } from "@/components/evidence/add-evidence-form";
import { CsvLink } from "@/components/exports/csv-link";
import { DeleteEvidence, ReviseEvidence } from "@/components/evidence/evidence-actions";
import { SupportedControls } from "@/components/evidence/supported-controls";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Alert } from "@/components/ui/alert";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { hasPermission } from "@/lib/authz/permissions";
import { getConfig } from "@/lib/config";
import { formatBytes } from "@/lib/format-bytes";
import { db } from "@/lib/db/client";
import { listEvidence } from "@/lib/evidence/queries";
import { paramsObject, parseListParams } from "@/lib/search-params";
import { loadSystemForPage } from "@/lib/systems/load-for-page";
import { zId, zInt } from "@/lib/validation/fields";

export const metadata: Metadata = { title: "Evidence" };

const STATE = {
  VALID: { tone: "green", text: "Valid" },
  EXPIRED: { tone: "amber", text: "Expired" },
  NOT_YET_EFFECTIVE: { tone: "blue", text: "Not valid yet" },
  SUPERSEDED: { tone: "slate", text: "Replaced by a newer revision" },
  DELETED: { tone: "red", text: "Deleted" },
} as const;

function size(bytes: number | null) {
  return bytes === null ? "" : formatBytes(bytes);
}

const PAGE_SIZE = 50;

/** The evidence page's query: which page, or the evidence item whose page to open (a search result). */
const ZEvidencePageQuery = z.object({
  page: zInt({ min: 1, max: 100_000, label: "The page" }).optional(),
  evidence: zId("The evidence").optional(),
});

export default async function EvidencePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const { data: query, ignored } = parseListParams(ZEvidencePageQuery, paramsObject(await searchParams), {
    page: { fallback: "showing the first page" },
    evidence: { fallback: "showing the first page" },
  });
  const canAdd = hasPermission(actor.role, "evidence:add") && system.can.editChecklist;
  const canDelete = hasPermission(actor.role, "evidence:delete");
  const evidence = await listEvidence({ actor, db }, system.id, { includeDeleted: "true" });
  const maxBytes = getConfig().EVIDENCE_MAX_BYTES;
  const pages = Math.max(1, Math.ceil(evidence.length / PAGE_SIZE));
  // ?evidence=<id> (a search result) opens the page that holds that item. An id not on this
  // system's list gets one notice, the same whether it exists elsewhere or not at all.
  const at = query.evidence ? evidence.findIndex((e) => e.id === query.evidence) : -1;
  const page = Math.min(at >= 0 ? Math.floor(at / PAGE_SIZE) + 1 : (query.page ?? 1), pages);
  const shown = evidence.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE);

  return (
    <div className="space-y-6">
      <IgnoredParamsNotice ignored={ignored} />
      {query.evidence && at < 0 ? (
        <Alert tone="warning">That evidence is not on this system (it may have been deleted).</Alert>
      ) : null}
      {canAdd ? (
        <Card>
          <CardHeader title="Add evidence" description="Files are stored in the database with a SHA-256 computed as they stream in; links and notes too. One item can support several checklist controls." />
          <CardBody><AddEvidenceForm systemId={system.id} maxBytes={maxBytes} /></CardBody>
        </Card>
      ) : null}
      <Card className="overflow-hidden">
        <CardHeader
          title="Evidence"
          description="Evidence cannot be changed once added: a correction is added as a new revision. Only an admin can delete it; the title, fingerprint, who deleted it and why stay on record."
          actions={<CsvLink actor={actor} table="evidence" query={{ systemId: system.id }} />}
        />
        {evidence.length === 0 ? (
          <EmptyState title="No evidence yet" description={canAdd ? "Add documents, links or notes above, or attach them from checklist items." : "Nobody has added evidence for this system yet."} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {shown.map((e) => {
              const state = STATE[e.state as keyof typeof STATE] ?? STATE.VALID;
              return (
                <li key={e.id} id={`evidence-${e.id}`} className="flex flex-wrap items-start justify-between gap-4 px-5 py-4 target:bg-brand-50" data-testid="evidence-row">
                  <div className="min-w-0 flex-1">
                    <div className="flex flex-wrap items-center gap-2">
                      <Badge tone="slate">{e.kind === "FILE" ? "File" : e.kind === "LINK" ? "Link" : "Note"}</Badge>
                      <p className={`font-medium ${e.deletedAt ? "text-slate-500 line-through" : "text-slate-900"}`}>{e.title}</p>
                      <Badge tone={state.tone}>{state.text}</Badge>
                      {e.revisionOfId ? <Badge tone="blue">Revision</Badge> : null}
                    </div>
                    {e.description ? <p className="mt-1 text-sm text-slate-600">{e.description}</p> : null}
                    <p className="mt-1 text-xs text-slate-500">
                      Valid from {e.effectiveDate}
                      {e.expiresAt ? ` · expires ${e.expiresAt}` : ""} · added {e.createdAt.slice(0, 10)} by {e.uploadedBy.name}
                      {e.fileName ? ` · ${e.fileName} · ${size(e.sizeBytes)} · ${e.contentType}` : ""}
                    </p>
                    {e.sha256 ? <p className="mt-1 font-mono text-[11px] text-slate-500 [overflow-wrap:anywhere]">sha256:{e.sha256}</p> : null}
                    {e.kind === "LINK" && e.url ? <a href={e.url} rel="noopener noreferrer nofollow" target="_blank" className="mt-1 block truncate text-sm text-brand-700 hover:underline">{e.url}</a> : null}
                    {e.kind === "NOTE" && e.noteBody ? <p className="mt-2 whitespace-pre-line rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700">{e.noteBody}</p> : null}
                    <SupportedControls controls={e.supports} />
                    {e.deletedAt ? <p className="mt-1 text-xs text-red-700">Deleted {e.deletedAt.slice(0, 10)} by {e.deletedBy?.name}: {e.deletionReason}</p> : null}
                  </div>
                  <div className="flex items-center gap-2">
                    {e.kind === "FILE" && !e.deletedAt ? (
                      <a href={`/api/evidence/${e.id}/download`} className="inline-flex h-8 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-700 shadow-sm hover:bg-slate-50">Download</a>
                    ) : null}
                    {canAdd && !e.deletedAt && !e.revisedById ? <ReviseEvidence systemId={system.id} maxBytes={maxBytes} evidence={{ id: e.id, title: e.title, kind: e.kind }} /> : null}
                    {canDelete && !e.deletedAt ? <DeleteEvidence evidenceId={e.id} title={e.title} /> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        )}
        {pages > 1 ? (
          <nav aria-label="Pagination" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm">
            <p className="text-slate-600">Page {page} of {pages} · {evidence.length} items</p>
            <div className="flex gap-2">
              {page > 1 ? <ButtonLink size="sm" variant="secondary" href={`/systems/${system.id}/evidence?page=${page - 1}`}>← Newer</ButtonLink> : null}
              {page < pages ? <ButtonLink size="sm" variant="secondary" href={`/systems/${system.id}/evidence?page=${page + 1}`}>Older →</ButtonLink> : null}
            </div>
          </nav>
        ) : null}
      </Card>
    </div>
  );
}
