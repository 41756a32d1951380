import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ApprovalStateBadge, ExceptionBadge, GateBadge } from "@/components/approvals/badges";
import { GateResultList } from "@/components/approvals/gate-result";
import { DecisionForm, ExceptionForm, RevokeButton, SubmitPanel, WithdrawButton } from "@/components/approvals/request-forms";
import { DiffView, SnapshotView } from "@/components/approvals/snapshot-view";
import { TierBadge } from "@/components/status-badges";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getApprovalRequest } from "@/lib/approvals/queries";
import { EXCEPTION_MAX_DAYS } from "@/lib/approvals/schema";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { pageId } from "@/lib/page-params";

export const metadata: Metadata = { title: "Approval request" };

const OUTCOME_LABEL = { APPROVE: "approved", REJECT: "rejected", REQUEST_CHANGES: "requested changes" } as const;

function day(iso: string | null) {
  return iso ? iso.slice(0, 10) : "—";
}

export default async function ApprovalRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireActor();
  // A malformed id (NUL, overlong, non-ASCII) names no request: 404 before any query sees it.
  const id = pageId((await params).id);
  let r: Awaited<ReturnType<typeof getApprovalRequest>>;
  try {
    r = await getApprovalRequest({ actor, db }, id);
  } catch (error) {
    if (error instanceof NotFoundError) notFound();
    throw error;
  }
  const now = new Date();
  const minDay = now.toISOString().slice(0, 10);
  const maxDay = new Date(now.getTime() + EXCEPTION_MAX_DAYS * 86_400_000).toISOString().slice(0, 10);
  const failing = r.gate.rules.filter((rule) => !rule.passed).length;

  return (
    <div className="space-y-6">
      <div>
        <div className="mb-2 text-sm text-slate-500">
          <Link href="/approvals" className="hover:text-slate-900">Approvals</Link>
          <span className="mx-1.5" aria-hidden>/</span>
          <Link href={`/systems/${r.system.id}/approvals`} className="hover:text-slate-900">{r.system.slug}</Link>
        </div>
        <h1 className="text-2xl font-semibold tracking-tight break-words text-slate-900">
          {r.system.name} · {r.releaseLabel}
        </h1>
        <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <ApprovalStateBadge state={r.state} />
          <TierBadge tier={r.riskTier} />
          <GateBadge passed={r.snapshotIsLive ? null : r.gatePassed} />
          {r.needsException || r.exception ? <ExceptionBadge recorded={Boolean(r.exception && r.exception.round === r.round)} expiresOn={r.exception?.expiresOn} /> : null}
          <span>
            for <strong>{r.environment}</strong>, requested by {r.requester.name}
          </span>
        </div>
      </div>

      {r.exception && r.exception.round === r.round ? (
        <div role="status" className="rounded-md border-2 border-red-600 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Exception granted by {r.exception.reviewer.name} on {day(r.exception.grantedAt)}, holds until {r.exception.expiresOn}</p>
          <p className="mt-1 whitespace-pre-wrap">{r.exception.rationale}</p>
          <p className="mt-1 text-xs">Covers the failing rules: {r.exception.failingRules.join(", ")}</p>
        </div>
      ) : r.needsException && r.state === "SUBMITTED" ? (
        <div role="status" className="rounded-md border-2 border-red-600 bg-red-50 px-4 py-3 text-sm text-red-900">
          <p className="font-semibold">Submitted with {failing} failing gate rule{failing === 1 ? "" : "s"}: needs an exception</p>
          <p className="mt-1">A reviewer must record an explicit exception (rationale and expiry) before anyone can approve it.</p>
        </div>
      ) : null}

      {r.stateReason && r.state !== "SUBMITTED" ? (
        <Alert tone={r.state === "APPROVED" ? "success" : r.state === "CHANGES_REQUESTED" ? "warning" : "error"} title={r.state === "CHANGES_REQUESTED" ? "Changes requested" : `Why it is ${r.state.toLowerCase().replace("_", " ")}`}>
          {r.stateReason}
        </Alert>
      ) : null}

      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Card>
            <CardHeader
              title={r.snapshotIsLive ? "Gate result if you submitted now" : "Gate result at submission"}
              description={r.snapshotIsLive ? "Evaluated on the system as it is now. Fix the failing rules, then submit." : `Evaluated on ${day(r.gate.evaluatedAt)} over the pinned snapshot.`}
            />
            <CardBody>
              <GateResultList gate={r.gate} showFixLinks={r.snapshotIsLive || r.state === "SUBMITTED"} />
            </CardBody>
          </Card>

          {r.diff ? (
            <Card>
              <CardHeader title="Changes since the last approval" />
              <CardBody>
                <DiffView diff={r.diff.diff} previousRelease={r.diff.previousRelease} />
              </CardBody>
            </Card>
          ) : null}

          <Card>
            <CardHeader
              title={r.snapshotIsLive ? "What submitting will pin" : "Pinned snapshot"}
              description={r.snapshotSha256 && !r.snapshotIsLive ? <span className="break-all font-mono text-xs">sha256:{r.snapshotSha256} · {r.pinnedDigestCount} artifact digests pinned</span> : undefined}
            />
            <CardBody>
              <SnapshotView snapshot={r.snapshot} />
            </CardBody>
          </Card>
        </div>

        <div className="min-w-0 space-y-6">
          {r.can.submit ? (
            <Card>
              <CardHeader title={r.state === "CHANGES_REQUESTED" ? "Resubmit" : "Submit"} description={r.gate.passed ? "All gate rules pass." : `${failing} gate rule${failing === 1 ? "" : "s"} fail.`} />
              <CardBody>
                <SubmitPanel systemId={r.system.id} requestId={r.id} version={r.rowVersion} gatePassed={r.gate.passed} />
              </CardBody>
            </Card>
          ) : null}

          {r.state === "SUBMITTED" ? (
            <Card>
              <CardHeader title="Decision" />
              <CardBody>
                {r.can.decide ? (
                  r.needsException && !(r.exception && r.exception.round === r.round) ? (
                    <p className="text-sm text-red-700">Record the exception below before approving; you can still reject or request changes.</p>
                  ) : null
                ) : null}
                {r.can.decide ? (
                  <DecisionForm systemId={r.system.id} requestId={r.id} approvals={r.approvals} approvalsRequired={r.approvalsRequired ?? 1} />
                ) : (
                  <p className="text-sm text-slate-600">
                    {r.decideBlockedReason ?? "Waiting for security reviewers."} {r.approvalsRequired ? `${r.approvals} of ${r.approvalsRequired} approvals so far.` : ""}
                  </p>
                )}
              </CardBody>
            </Card>
          ) : null}

          {r.can.recordException ? (
            <Card className="border-red-300">
              <CardHeader title="Record an exception" description="Lets this failing release be approved; shown in red everywhere and in audit exports." />
              <CardBody>
                <ExceptionForm systemId={r.system.id} requestId={r.id} minDay={minDay} maxDay={maxDay} />
              </CardBody>
            </Card>
          ) : null}

          <Card>
            <CardHeader title="Details" />
            <CardBody>
              <dl className="space-y-2 text-sm">
                {(
                  [
                    ["Submitted", day(r.submittedAt)],
                    ["Approved", day(r.approvedAt)],
                    ["Expires", day(r.expiresAt)],
                    ["Approvals needed", r.approvalsRequired ? String(r.approvalsRequired) : "—"],
                    ["Validity", r.validityDays ? `${r.validityDays} days` : "—"],
                    ["Round", String(r.round)],
                  ] as const
                ).map(([k, v]) => (
                  <div key={k} className="flex justify-between gap-4">
                    <dt className="text-slate-500">{k}</dt>
                    <dd className="text-slate-900">{v}</dd>
                  </div>
                ))}
              </dl>
              {r.can.withdraw || r.can.revoke ? (
                <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4">
                  {r.can.withdraw ? <WithdrawButton systemId={r.system.id} requestId={r.id} version={r.rowVersion} /> : null}
                  {r.can.revoke ? <RevokeButton systemId={r.system.id} requestId={r.id} /> : null}
                </div>
              ) : null}
            </CardBody>
          </Card>

          <Card>
            <CardHeader title="Decision history" />
            <CardBody>
              {r.decisions.length === 0 ? (
                <p className="text-sm text-slate-500">No decisions yet.</p>
              ) : (
                <ol className="space-y-3 text-sm">
                  {r.decisions.map((d) => (
                    <li key={d.id} className="border-l-2 border-slate-200 pl-3">
                      <p className="text-slate-900">
                        <strong>{d.reviewer.name}</strong> {OUTCOME_LABEL[d.outcome]}
                        <span className="text-slate-500"> · {d.decidedAt.slice(0, 16).replace("T", " ")} UTC · round {d.round}</span>
                      </p>
                      <p className="mt-0.5 whitespace-pre-wrap break-words text-slate-700">{d.comment}</p>
                    </li>
                  ))}
                </ol>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
    </div>
  );
}
