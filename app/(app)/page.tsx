import type { Metadata } from "next";
import Link from "next/link";
import { AuditTable } from "@/components/audit/audit-table";
import { label, LIFECYCLE_TONE, TIER_TONE } from "@/components/labels";
import { TierBadge } from "@/components/status-badges";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { listAuditEvents, ZAuditFilter } from "@/lib/audit/queries";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { inventoryOverview } from "@/lib/systems/overview";
import { LIFECYCLE_STATES, RISK_TIERS } from "@/lib/systems/schema";

export const metadata: Metadata = { title: "Overview" };

const BAR: Record<string, string> = { green: "bg-emerald-500", amber: "bg-amber-400", orange: "bg-orange-500", red: "bg-red-500", slate: "bg-slate-400", blue: "bg-sky-500", violet: "bg-violet-500" };

function Stat({ label: text, value, hint, href }: { label: string; value: number; hint?: string; href?: string }) {
  const body = (
    <>
      <p className="text-sm font-medium text-slate-500">{text}</p>
      <p className="mt-1 text-3xl font-semibold tabular-nums text-slate-900">{value.toLocaleString("en")}</p>
      {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
    </>
  );
  return (
    <Card className="px-5 py-4">
      {href ? <Link href={href} className="block hover:opacity-80">{body}</Link> : body}
    </Card>
  );
}

export default async function OverviewPage() {
  const actor = await requireActor();
  const ctx = { actor, db };
  const [overview, recent] = await Promise.all([
    inventoryOverview(ctx),
    hasPermission(actor.role, "audit:read") ? listAuditEvents(ctx, ZAuditFilter.parse({ limit: 8 })) : null,
  ]);
  const max = (values: Record<string, number>) => Math.max(1, ...Object.values(values));
  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name.split(" ")[0]}`}
        description={actor.role === "PRODUCT_OWNER" ? "Your AI systems at a glance." : "The organisation's AI systems at a glance."}
        actions={hasPermission(actor.role, "system:create") ? <ButtonLink href="/systems/new">New system</ButtonLink> : undefined}
      />
      {overview.total === 0 ? (
        <Card>
          <EmptyState
            title="No AI systems registered yet"
            description="The inventory is the starting point: every deployed AI system with its purpose, risk profile and bill of materials."
            action={hasPermission(actor.role, "system:create") ? <ButtonLink href="/systems/new">Register the first system</ButtonLink> : undefined}
          />
        </Card>
      ) : (
        <>
          <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
            <Stat label="Active AI systems" value={overview.total} href="/systems" />
            <Stat label="Recorded assets" value={overview.assets} hint="models, datasets, prompts, tools, credentials…" />
            <Stat label="Agentic and internet-facing" value={overview.agenticExposed} hint="highest exposure to prompt injection and excessive agency" href="/systems?autonomy=AGENTIC" />
            <Stat label="Reviews overdue" value={overview.overdue} hint="next review date has passed" />
          </div>
          <div className="mt-6 grid gap-6 lg:grid-cols-3">
            <Card>
              <CardHeader title="By risk tier" />
              <CardBody className="space-y-3">
                {RISK_TIERS.map((tier) => (
                  <Link key={tier} href={`/systems?tier=${tier}`} className="block rounded hover:bg-slate-50">
                    <div className="flex justify-between text-sm"><span className="text-slate-700">{label(tier)}</span><span className="tabular-nums text-slate-900">{overview.byTier[tier] ?? 0}</span></div>
                    <div className="mt-1 h-2 rounded-full bg-slate-100">
                      <div className={`h-2 rounded-full ${BAR[TIER_TONE[tier]!]}`} style={{ width: `${((overview.byTier[tier] ?? 0) / max(overview.byTier)) * 100}%` }} />
                    </div>
                  </Link>
                ))}
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="By lifecycle" />
              <CardBody className="space-y-3">
                {LIFECYCLE_STATES.map((state) => (
                  <Link key={state} href={`/systems?lifecycle=${state}`} className="block rounded hover:bg-slate-50">
                    <div className="flex justify-between text-sm"><span className="text-slate-700">{label(state)}</span><span className="tabular-nums text-slate-900">{overview.byLifecycle[state] ?? 0}</span></div>
                    <div className="mt-1 h-2 rounded-full bg-slate-100">
                      <div className={`h-2 rounded-full ${BAR[LIFECYCLE_TONE[state]!]}`} style={{ width: `${((overview.byLifecycle[state] ?? 0) / max(overview.byLifecycle)) * 100}%` }} />
                    </div>
                  </Link>
                ))}
              </CardBody>
            </Card>
            <Card>
              <CardHeader title="Reviews due in 30 days" />
              <CardBody>
                {overview.upcoming.length ? (
                  <ul className="divide-y divide-slate-100">
                    {overview.upcoming.map((s) => (
                      <li key={s.id} className="flex items-center justify-between gap-3 py-2">
                        <Link href={`/systems/${s.id}`} className="min-w-0 truncate text-sm font-medium text-slate-800 hover:underline">{s.name}</Link>
                        <span className="flex shrink-0 items-center gap-2">
                          <TierBadge tier={s.riskTier} />
                          <span className={`text-xs tabular-nums ${s.overdue ? "font-semibold text-red-600" : "text-slate-500"}`}>{s.nextReviewDue}</span>
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-500">Nothing due. Well kept.</p>
                )}
              </CardBody>
            </Card>
          </div>
        </>
      )}
      {recent ? (
        <Card className="mt-6 overflow-hidden">
          <CardHeader title="Recent activity" actions={<ButtonLink size="sm" variant="secondary" href="/audit">Full audit log</ButtonLink>} />
          {recent.events.length ? <AuditTable events={recent.events} /> : <EmptyState title="No activity yet" />}
        </Card>
      ) : null}
    </>
  );
}
