import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AddEntryForm } from "@/components/incidents/add-entry-form";
import { EditIncidentDialog } from "@/components/incidents/edit-incident-dialog";
import { ContainmentAction } from "@/components/incidents/containment-actions";
import { FollowUpForm } from "@/components/incidents/follow-up-form";
import { categoryLabel, formatHours, formatMoment, IncidentStatusBadge, SeverityBadge } from "@/components/incidents/badges";
import { NotificationsPanel } from "@/components/incidents/notifications-panel";
import { SeverityGuide } from "@/components/incidents/severity-guide";
import { StatusActions } from "@/components/incidents/status-actions";
import { StatusSteps, Timeline } from "@/components/incidents/timeline";
import { LifecycleBadge } from "@/components/status-badges";
import { label } from "@/components/labels";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { requireActor } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { incidentRef, SEVERITY_DEFINITIONS } from "@/lib/incidents/catalog";
import { updateIncidentAction } from "@/lib/incidents/actions";
import { getIncident, incidentEditOptions } from "@/lib/incidents/queries";
import { getNotificationRules } from "@/lib/incidents/settings";
import { pageId } from "@/lib/page-params";

export const metadata: Metadata = { title: "Incident" };

function hoursBetween(from: string, to: string | null) {
  return to ? (Date.parse(to) - Date.parse(from)) / 3_600_000 : null;
}

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const id = pageId((await params).id);
  const actor = await requireActor();
  const ctx = { actor, db };
  let incident;
  try {
    incident = await getIncident(ctx, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const { customised } = await getNotificationRules(db);
  // The edit dialog is offered to whoever the service lets edit (reviewers, admins), not on closed incidents.
  const editable = incident.can.manage && incident.status !== "CLOSED";
  const editOptions = editable ? await incidentEditOptions(ctx, incident.id) : null;
  const overdue = incident.notifications.filter((n) => n.state === "overdue").length;

  return (
    <>
      <div className="mb-2 text-sm text-slate-500">
        <Link href="/incidents" className="hover:text-slate-900">Incidents</Link>
        <span className="mx-1.5" aria-hidden>/</span>
        <span className="text-slate-700">{incidentRef(incident.number)}</span>
      </div>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900 [overflow-wrap:anywhere]">{incident.title}</h1>
          <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <SeverityBadge severity={incident.severity} />
            <IncidentStatusBadge status={incident.status} />
            <span>{categoryLabel(incident.category)}</span>
            {incident.reopenCount ? <Badge tone="orange">Reopened {incident.reopenCount}×</Badge> : null}
            {overdue ? <Badge tone="red">{overdue} notification{overdue === 1 ? "" : "s"} overdue</Badge> : null}
          </div>
        </div>
        {incident.can.manage ? (
          <div className="flex flex-wrap items-center gap-2">
            {editOptions ? (
              <EditIncidentDialog
                action={updateIncidentAction.bind(null, incident.id)}
                incident={{ id: incident.id, rowVersion: incident.rowVersion, title: incident.title, category: incident.category, severity: incident.severity, leadId: incident.lead?.id ?? null, description: incident.description, impact: incident.impact, tags: incident.tags, assetIds: incident.assets.map((a) => a.id) }}
                leads={editOptions.leads}
                assets={editOptions.assets}
              />
            ) : null}
            <StatusActions incidentId={incident.id} rowVersion={incident.rowVersion} events={incident.can.events} rootCause={incident.rootCause} lessonsLearned={incident.lessonsLearned} />
            <ButtonLink size="sm" variant="secondary" href={`/incidents/${incident.id}/advisory`}>Share advisory</ButtonLink>
          </div>
        ) : null}
      </div>
      <Card className="mb-6"><CardBody><StatusSteps incident={incident} /></CardBody></Card>

      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="What happened" />
            <CardBody className="space-y-4 text-sm">
              <div>
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Description</h3>
                <p className="mt-1 whitespace-pre-line text-slate-800 [overflow-wrap:anywhere]">{incident.description}</p>
              </div>
              <div>
                <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">User and data impact</h3>
                <p className="mt-1 whitespace-pre-line text-slate-800 [overflow-wrap:anywhere]">{incident.impact}</p>
              </div>
              {incident.rootCause || incident.lessonsLearned ? (
                <div className="grid gap-4 md:grid-cols-2">
                  <div>
                    <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Root cause</h3>
                    <p className="mt-1 whitespace-pre-line text-slate-800">{incident.rootCause ?? "—"}</p>
                  </div>
                  <div>
                    <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Lessons learned</h3>
                    <p className="mt-1 whitespace-pre-line text-slate-800" data-testid="lessons-learned">{incident.lessonsLearned ?? "—"}</p>
                  </div>
                </div>
              ) : null}
              {incident.tags.length ? (
                <div>
                  <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">ATLAS / OWASP</h3>
                  <div className="mt-1 flex flex-wrap gap-1.5">{incident.tags.map((t) => <span key={t} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{t}</span>)}</div>
                </div>
              ) : null}
            </CardBody>
          </Card>

          {incident.followUps.length || (incident.can.manage && incident.systems.length) ? (
            <Card>
              <CardHeader title="Follow-ups" description="From the lessons learned: controls reopened on the checklist and threats added to the threat model, linked back here." />
              {incident.followUps.length ? (
                <ul className="divide-y divide-slate-100 border-b border-slate-200">
                  {incident.followUps.map((f) => {
                    const system = incident.systems.find((s) => s.id === f.systemId);
                    const href = f.checklistItemId ? `/systems/${f.systemId}/checklist?item=${f.checklistItemId}` : `/systems/${f.systemId}/threat-model?open=${f.threatId}`;
                    return (
                      <li key={f.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm" data-testid="incident-follow-up">
                        <Link href={href} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{f.title}</Link>
                        <span className="text-xs text-slate-500">{f.kind === "CHECKLIST_ITEM" ? "Checklist" : "Threat model"} · {system?.name}</span>
                      </li>
                    );
                  })}
                </ul>
              ) : null}
              {incident.can.manage && incident.systems.length ? (
                <CardBody>
                  <FollowUpForm incidentId={incident.id} systems={incident.systems.map((s) => ({ id: s.id, name: s.name }))} controls={incident.followUpControls} lessons={incident.lessonsLearned} />
                </CardBody>
              ) : null}
            </Card>
          ) : null}

          <Card>
            <CardHeader title="Timeline" description="Append-only: entries are never edited or removed, and each one is in the audit log." />
            <CardBody className="space-y-6">
              <Timeline entries={incident.entries} systems={incident.systems} />
              {incident.can.note ? (
                <div className="border-t border-slate-200 pt-4">
                  <AddEntryForm
                    incidentId={incident.id}
                    canAct={incident.can.manage}
                    evidence={incident.evidenceOptions}
                    systems={incident.systems.map((s) => ({ id: s.id, name: s.name }))}
                    canAddEvidence={incident.can.addEvidence}
                    maxBytes={getConfig().EVIDENCE_MAX_BYTES}
                  />
                </div>
              ) : null}
            </CardBody>
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Facts" />
            <CardBody>
              <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                <dt className="text-slate-500">Reference</dt><dd className="font-mono text-slate-900">{incidentRef(incident.number)}</dd>
                <dt className="text-slate-500">Severity</dt><dd className="text-slate-900">{SEVERITY_DEFINITIONS[incident.severity].label}</dd>
                <dt className="text-slate-500">Detected</dt><dd className="text-slate-900">{formatMoment(incident.detectedAt)}</dd>
                <dt className="text-slate-500">Reported</dt><dd className="text-slate-900">{formatMoment(incident.reportedAt)}</dd>
                <dt className="text-slate-500">Reporter</dt><dd className="text-slate-900">{incident.reporter.name}</dd>
                <dt className="text-slate-500">Lead</dt><dd className="text-slate-900">{incident.lead?.name ?? <span className="text-slate-500">Unassigned</span>}</dd>
                <dt className="text-slate-500">To contain</dt><dd className="text-slate-900">{formatHours(hoursBetween(incident.detectedAt, incident.containedAt))}</dd>
                <dt className="text-slate-500">To close</dt><dd className="text-slate-900">{formatHours(hoursBetween(incident.detectedAt, incident.closedAt))}</dd>
              </dl>
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="Affected systems" />
            <ul className="divide-y divide-slate-100">
              {incident.systems.map((s) => (
                <li key={s.id} className="px-5 py-3" data-testid="affected-system">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <Link href={`/systems/${s.id}`} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">{s.name}</Link>
                    <div className="flex items-center gap-2">
                      <LifecycleBadge state={s.lifecycle} />
                      {incident.can.manage && !s.archived && (s.lifecycle === "PAUSED" || incident.status !== "CLOSED") ? <ContainmentAction incidentId={incident.id} system={s} /> : null}
                    </div>
                  </div>
                  {incident.assets.filter((a) => a.systemId === s.id).length ? (
                    <p className="mt-1 text-xs text-slate-500">
                      Assets: {incident.assets.filter((a) => a.systemId === s.id).map((a) => `${a.name}${a.version ? ` ${a.version}` : ""} (${label(a.kind)})`).join(", ")}
                    </p>
                  ) : null}
                </li>
              ))}
              {incident.hiddenSystems ? <li className="px-5 py-3 text-xs text-slate-500">and {incident.hiddenSystems} other system{incident.hiddenSystems === 1 ? "" : "s"} you cannot see</li> : null}
            </ul>
          </Card>

          <Card>
            <CardHeader title="Notification duties" description="Deadlines count from the detection time." />
            <NotificationsPanel incidentId={incident.id} duties={incident.notifications} evidence={incident.evidenceOptions} canManage={incident.can.manage} customisedRules={customised} />
          </Card>

          <Card>
            <CardHeader title="Severity levels" />
            <CardBody><SeverityGuide compact /></CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
