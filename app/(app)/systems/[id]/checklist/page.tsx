import type { Metadata } from "next";
import Link from "next/link";
import { BulkBar } from "@/components/checklist/bulk-bar";
import { ConfirmAction } from "@/components/checklist/confirm-action";
import { EvidenceOptionsProvider } from "@/components/checklist/evidence-options";
import { ItemEditor } from "@/components/checklist/item-editor";
import { AddLinkOrNote } from "@/components/checklist/add-link-or-note";
import { ItemEvidence } from "@/components/checklist/item-evidence";
import { ItemRow } from "@/components/checklist/item-row";
import { SelectionProvider } from "@/components/checklist/selection";
import { STATUS_LABELS, StatusBadge } from "@/components/checklist/status";
import { CsvLink } from "@/components/exports/csv-link";
import { ChecklistFollowUps } from "@/components/incidents/checklist-follow-ups";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { IgnoredParamsNotice } from "@/components/ui/ignored-params";
import { Input, Select } from "@/components/ui/field";
import { evidenceWords } from "@/lib/checklists/evidence-words";
import { getChecklistView, listItemOwners, ZChecklistFilter, type ChecklistItemView } from "@/lib/checklists/queries";
import { previewRecompute } from "@/lib/checklists/recompute";
import { lastStatusChanges } from "@/lib/checklists/status-history";
import { previewUpgrade } from "@/lib/checklists/upgrade";
import { formatDateTime } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { listEvidence } from "@/lib/evidence/queries";
import { followUpsForChecklist } from "@/lib/incidents/follow-ups";
import { paramsObject, parseListParams, type ParamWords } from "@/lib/search-params";
import { loadSystemForPage } from "@/lib/systems/load-for-page";
import { createChecklistAction, recomputeAction, upgradeAction } from "@/lib/checklists/actions";

export const metadata: Metadata = { title: "Checklist" };

const PILLARS: [string, string][] = [
  ["DES", "Secure design"],
  ["DEV", "Secure development"],
  ["DEP", "Secure deployment"],
  ["OPS", "Secure operation and maintenance"],
  ["DEC", "Secure decommissioning"],
];

/** What the checklist shows instead of a filter value it cannot use (the notice's words). */
const CHECKLIST_PARAM_WORDS: ParamWords = {
  pillar: { fallback: "showing all pillars" },
  status: { fallback: "showing all statuses" },
  owner: { fallback: "showing every owner's items" },
  overdue: { label: "overdue filter", fallback: "showing items whatever their due date" },
  q: { label: "search", fallback: "showing every item" },
};

function Bar({ percent, label, tone = "bg-brand-600" }: { percent: number; label: string; tone?: string }) {
  return (
    <div className="h-2 rounded-full bg-slate-100" role="progressbar" aria-label={label} aria-valuenow={percent} aria-valuemin={0} aria-valuemax={100} aria-valuetext={`${percent}% done`}>
      <div className={`h-2 rounded-full ${tone}`} style={{ width: `${percent}%` }} />
    </div>
  );
}

export default async function ChecklistPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  const ctx = { actor, db };
  const raw = paramsObject(await searchParams);
  const { recompute, upgrade, item: openParam, ...filterParams } = raw;
  const openId = typeof openParam === "string" ? openParam : undefined;
  const { params: goodFilter, ignored } = parseListParams(ZChecklistFilter, filterParams, CHECKLIST_PARAM_WORDS);
  const view = await getChecklistView(ctx, system.id, goodFilter);

  if (!view.checklist) {
    return (
      <Card>
        <EmptyState
          title="No checklist yet"
          description="This system was registered before a control library was available. Create its checklist from the current library: only controls that apply to its profile are counted."
          action={view.can.edit ? <ConfirmAction label="Create checklist" title="Create the checklist?" description="One item per control of the current library, marked applicable or not for this system." confirmLabel="Create checklist" action={createChecklistAction.bind(null, system.id)} /> : undefined}
        />
      </Card>
    );
  }

  const { checklist, items, progress, can, filter } = view;
  const [people, evidence, recomputeList, upgradePreview, followUps, statusBy] = await Promise.all([
    listItemOwners(ctx, system.id),
    // Every item's detail is on the page (opened in the browser), so its evidence picker is too.
    listEvidence(ctx, system.id),
    recompute && checklist.pendingApplicability ? previewRecompute(ctx, system.id) : null,
    upgrade && checklist.upgradeAvailable ? previewUpgrade(ctx, system.id) : null,
    followUpsForChecklist(ctx, system.id),
    lastStatusChanges(ctx, system.id),
  ]);
  const personName = (id: string | null) => (id ? (people.find((p) => p.id === id)?.name ?? null) : null);
  const available = evidence.map((e) => ({ id: e.id, title: e.title, kind: e.kind, state: e.state }));
  const applicable = items.filter((i) => i.applicable);
  const notApplicable = items.filter((i) => !i.applicable);
  const filtered = Boolean(filter.pillar || filter.status || filter.owner || filter.overdue || filter.q);
  const groups = new Map<string, { pillar: string; principle: string; items: ChecklistItemView[] }>();
  for (const item of applicable) {
    const key = `${item.principleId}`;
    if (!groups.has(key)) groups.set(key, { pillar: item.pillar, principle: `${item.principleId} · ${item.principleTitle}`, items: [] });
    groups.get(key)!.items.push(item);
  }

  return (
    <div className="space-y-6">
      <Card>
        <CardHeader
          title="Progress"
          actions={<CsvLink actor={actor} table="checklist-items" query={{ systemId: system.id }} />}
          description={
            <>
              Library version <strong>{checklist.libraryVersion}</strong> · {progress.overall.total} applicable controls · done means met with valid evidence, or not applicable with a justification.
            </>
          }
        />
        <CardBody className="grid gap-6 lg:grid-cols-[16rem_1fr]">
          <div>
            <p className="text-4xl font-semibold tabular-nums text-slate-900" data-testid="overall-progress">{progress.overall.percent}%</p>
            <p className="mt-1 text-sm text-slate-500">{progress.overall.done} of {progress.overall.total} done</p>
            <dl className="mt-4 grid grid-cols-2 gap-2 text-xs text-slate-600">
              <div><dt className="inline">Met </dt><dd className="inline font-semibold text-slate-900">{progress.overall.met}</dd></div>
              <div><dt className="inline">Not applicable </dt><dd className="inline font-semibold text-slate-900">{progress.overall.notApplicable}</dd></div>
              <div><dt className="inline">In progress </dt><dd className="inline font-semibold text-slate-900">{progress.overall.inProgress}</dd></div>
              <div><dt className="inline">Not met </dt><dd className="inline font-semibold text-red-700">{progress.overall.notMet}</dd></div>
              {progress.overall.stale ? <div className="col-span-2 text-amber-700">{progress.overall.stale} met with expired evidence</div> : null}
            </dl>
          </div>
          <div className="space-y-3">
            {PILLARS.map(([id, title]) => {
              const p = progress.byPillar[id];
              return (
                <Link key={id} href={`/systems/${system.id}/checklist?pillar=${id}`} className="block rounded hover:bg-slate-50">
                  <div className="mb-1 flex justify-between gap-3 text-sm">
                    <span className="text-slate-700"><span className="font-mono text-xs text-slate-500">{id}</span> {title}</span>
                    <span className="shrink-0 whitespace-nowrap tabular-nums text-slate-600">{p ? `${p.done}/${p.total} · ${p.percent}%` : "none apply"}</span>
                  </div>
                  <Bar percent={p?.percent ?? 0} label={`${title}: progress`} tone={p && p.percent === 100 ? "bg-emerald-500" : "bg-brand-600"} />
                </Link>
              );
            })}
          </div>
        </CardBody>
      </Card>

      <ChecklistFollowUps systemId={system.id} followUps={followUps} codes={new Map(items.map((i) => [i.id, i.code]))} />

      {checklist.pendingApplicability ? (
        <Alert tone="warning" title={`${checklist.pendingApplicability} controls change applicability with this system's current profile`}>
          {recomputeList ? (
            <div className="mt-2 space-y-2">
              <ul className="list-disc pl-5">
                {recomputeList.map((c) => <li key={c.itemId}><strong>{c.code}</strong> {c.title}: {c.applies ? "now applies" : "no longer applies"} — {c.reason}</li>)}
              </ul>
              {can.edit ? <ConfirmAction label="Apply these changes" title="Recompute applicability?" description="Items that stop applying keep their status and evidence but are no longer counted." confirmLabel="Apply" action={recomputeAction.bind(null, system.id)} /> : null}
            </div>
          ) : (
            <Link className="underline" href={`/systems/${system.id}/checklist?recompute=1`}>Preview the changes</Link>
          )}
        </Alert>
      ) : null}

      {checklist.upgradeAvailable ? (
        <Alert tone="info" title={`Library ${checklist.currentLibraryVersion} is available (this checklist uses ${checklist.libraryVersion})`}>
          {upgradePreview ? (
            <div className="mt-2 space-y-2">
              <p>{upgradePreview.diff.added.length} added · {upgradePreview.diff.retired.length} retired · {upgradePreview.diff.changed.length} changed · {upgradePreview.diff.unchanged} unchanged</p>
              <ul className="list-disc pl-5 text-xs">
                {upgradePreview.diff.added.map((c) => <li key={`a${c}`}>Added <strong>{c}</strong> {upgradePreview.titles[c]}</li>)}
                {upgradePreview.diff.retired.map((c) => <li key={`r${c}`}>Retired <strong>{c}</strong> {upgradePreview.titles[c]} (its item is removed)</li>)}
                {upgradePreview.diff.changed.map((c) => <li key={`c${c.code}`}>Changed <strong>{c.code}</strong>: {c.fields.join(", ")}</li>)}
              </ul>
              {can.review ? (
                <ConfirmAction label={`Upgrade to ${upgradePreview.to}`} title={`Upgrade this checklist to ${upgradePreview.to}?`} description="Kept controls keep their status, owner, notes and evidence. New controls start as not started. Retired controls' items are removed; the audit trail records them." confirmLabel="Upgrade checklist" action={upgradeAction.bind(null, system.id, upgradePreview.to)} />
              ) : (
                <p className="text-xs">A security reviewer upgrades checklists.</p>
              )}
            </div>
          ) : (
            <Link className="underline" href={`/systems/${system.id}/checklist?upgrade=1`}>Review the differences</Link>
          )}
        </Alert>
      ) : null}

      <IgnoredParamsNotice ignored={ignored} />
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm" role="search" aria-label="Filter checklist items">
        <div className="min-w-[12rem] flex-1">
          <label htmlFor="f-q" className="mb-1 block text-xs font-medium text-slate-600">Search</label>
          <Input id="f-q" name="q" type="search" placeholder="Code or title" defaultValue={filter.q ?? ""} />
        </div>
        <div>
          <label htmlFor="f-pillar" className="mb-1 block text-xs font-medium text-slate-600">Pillar</label>
          <Select id="f-pillar" name="pillar" defaultValue={filter.pillar ?? ""} className="w-48">
            <option value="">All pillars</option>
            {PILLARS.map(([id, title]) => <option key={id} value={id}>{title}</option>)}
          </Select>
        </div>
        <div>
          <label htmlFor="f-status" className="mb-1 block text-xs font-medium text-slate-600">Status</label>
          <Select id="f-status" name="status" defaultValue={filter.status ?? ""} className="w-40">
            <option value="">Any status</option>
            {Object.entries(STATUS_LABELS).map(([v, t]) => <option key={v} value={v}>{t}</option>)}
          </Select>
        </div>
        <div>
          <label htmlFor="f-owner" className="mb-1 block text-xs font-medium text-slate-600">Owner</label>
          <Select id="f-owner" name="owner" defaultValue={filter.owner ?? ""} className="w-44">
            <option value="">Anyone</option>
            <option value="none">Unassigned</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
          </Select>
        </div>
        <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
          <input type="checkbox" name="overdue" value="1" defaultChecked={Boolean(filter.overdue)} className="h-4 w-4 rounded border-slate-300" /> Overdue only
        </label>
        {/* Apply and Reset wrap together, so Reset never sits alone on a line. */}
        <div className="flex gap-2">
          <button type="submit" className={buttonClass("primary")}>Apply</button>
          <Link href={`/systems/${system.id}/checklist`} className={buttonClass("ghost")}>Reset</Link>
        </div>
      </form>

      <SelectionProvider itemIds={applicable.map((i) => i.id)}>
      <EvidenceOptionsProvider options={available}>
      {applicable.length === 0 ? (
        <Card>
          <EmptyState title={filtered ? "No items match these filters" : "No applicable controls"} description={filtered ? "Clear a filter to see more items." : undefined} />
        </Card>
      ) : (
        [...groups.values()].map((group) => (
          <Card key={group.principle} className="overflow-hidden">
            <div className="border-b border-slate-200 bg-slate-50 px-5 py-2.5">
              <h3 className="text-sm font-semibold text-slate-800">{group.principle}</h3>
            </div>
            <ul className="divide-y divide-slate-100">
              {group.items.map((item) => (
                <ItemRow
                  key={item.id}
                  id={item.id}
                  code={item.code}
                  initiallyOpen={item.id === openId}
                  selectable={can.review}
                  summary={
                    <>
                      <span className="w-16 font-mono text-xs text-slate-500">{item.code}</span>
                      <span className="min-w-[12rem] flex-1 text-sm font-medium text-slate-900">{item.title}</span>
                      {item.reviewerOnly ? <Badge tone="violet">Reviewer decision</Badge> : null}
                      <span className="text-xs text-slate-500">{item.owner?.name ?? "Unassigned"}</span>
                      {item.dueDate ? <span className={`text-xs tabular-nums ${item.overdue ? "font-semibold text-red-600" : "text-slate-500"}`}>{item.overdue ? "Overdue " : "Due "}{item.dueDate}</span> : null}
                      <span className="text-xs text-slate-600" data-testid="item-evidence-count">{evidenceWords(item.evidence.map((e) => e.state))}</span>
                      {item.reviewRequest ? <Badge tone="violet">Awaiting review</Badge> : null}
                      <StatusBadge status={item.status} stale={!item.satisfied} />
                    </>
                  }
                >
                  <div className="grid gap-4 text-sm lg:grid-cols-2">
                    <div>
                      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Guidance</p>
                      <p className="mt-1 leading-6 text-slate-700">{item.guidance}</p>
                    </div>
                    <div className="space-y-3">
                      <div>
                        <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Evidence that satisfies it</p>
                        <p className="mt-1 text-slate-700">{item.evidenceExpectation}{item.evidenceRequired ? "" : " (a note is enough)"}</p>
                      </div>
                      <p className="text-xs text-slate-600">{item.applicabilityReason}</p>
                      <p className="text-xs text-slate-600" data-testid="status-set-by">
                        {statusBy[item.id]
                          ? `Status “${STATUS_LABELS[item.status] ?? item.status}” set by ${statusBy[item.id]!.name} on ${formatDateTime(statusBy[item.id]!.at)}.`
                          : `Status “${STATUS_LABELS[item.status] ?? item.status}” since the checklist was created.`}
                      </p>
                      {item.status === "NOT_APPLICABLE" && item.justification ? <p className="text-xs text-slate-600"><strong>Justification:</strong> {item.justification}</p> : null}
                    </div>
                  </div>
                  <div>
                    <p className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500">Evidence</p>
                    <ItemEvidence systemId={system.id} itemId={item.id} code={item.code} linked={item.evidence} canEdit={can.edit} />
                    {can.edit ? (
                      <div className="mt-3 rounded-md border border-dashed border-slate-300 bg-white p-3">
                        <AddLinkOrNote systemId={system.id} itemId={item.id} code={item.code} />
                      </div>
                    ) : null}
                  </div>
                  {can.edit ? (
                    <ItemEditor
                      systemId={system.id}
                      item={{ id: item.id, code: item.code, status: item.status, ownerId: item.owner?.id ?? null, ownerName: item.owner?.name ?? null, dueDate: item.dueDate, notes: item.notes, justification: item.justification, rowVersion: item.rowVersion, reviewerOnly: item.reviewerOnly, evidenceRequired: item.evidenceRequired, validEvidence: item.validEvidence, reviewRequest: item.reviewRequest ? { at: item.reviewRequest.at, by: personName(item.reviewRequest.byId) } : null }}
                      people={people}
                      canReview={can.review}
                    />
                  ) : item.notes ? (
                    <p className="text-sm text-slate-700"><strong>Notes:</strong> {item.notes}</p>
                  ) : null}
                </ItemRow>
              ))}
            </ul>
          </Card>
        ))
      )}

      </EvidenceOptionsProvider>
      {/* After the list: sticky at the viewport's bottom, and below the last row at the end. */}
      {can.review ? <BulkBar systemId={system.id} people={people} filtered={filtered} versions={Object.fromEntries(items.map((i) => [i.id, i.rowVersion]))} /> : null}
      </SelectionProvider>

      {notApplicable.length ? (
        <Card>
          <details>
            <summary className="cursor-pointer px-5 py-3 text-sm font-medium text-slate-700">{notApplicable.length} controls do not apply to this system’s profile</summary>
            <ul className="divide-y divide-slate-100 border-t border-slate-100">
              {notApplicable.map((item) => (
                <li key={item.id} className="flex flex-wrap gap-3 px-5 py-2 text-sm">
                  <span className="w-16 font-mono text-xs text-slate-500">{item.code}</span>
                  <span className="flex-1 text-slate-700">{item.title}</span>
                  <span className="text-xs text-slate-500">{item.applicabilityReason}</span>
                </li>
              ))}
            </ul>
          </details>
        </Card>
      ) : null}
    </div>
  );
}
