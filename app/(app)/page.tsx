import type { Metadata } from "next";
import Link from "next/link";
import { StackedBars, type ChartSeries } from "@/components/home/stacked-bars";
import { tellAuditTasks } from "@/components/audit/task-sentences";
import { TaskGroupCard } from "@/components/home/task-group";
import { label } from "@/components/labels";
import { LifecycleBadge, TierBadge } from "@/components/status-badges";
import { ButtonLink, buttonClass } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/field";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { homeContext, loadTaskGroups, mySystemsReadiness, portfolioPosture } from "@/lib/home/queries";

export const metadata: Metadata = { title: "Home" };

const TIER_SERIES: ChartSeries[] = [
  { key: "CRITICAL", label: "Critical", color: "#ef4444", href: "/systems?tier=CRITICAL" },
  { key: "HIGH", label: "High", color: "#f97316", href: "/systems?tier=HIGH" },
  { key: "MEDIUM", label: "Medium", color: "#fbbf24", href: "/systems?tier=MEDIUM" },
  { key: "LOW", label: "Low", color: "#34d399", href: "/systems?tier=LOW" },
];
const BAND_SERIES: ChartSeries[] = [
  { key: "COMPLETE", label: "Complete", color: "#059669" },
  { key: "MOSTLY_DONE", label: "50 % or more", color: "#6ee7b7" },
  { key: "UNDER_WAY", label: "Under 50 %", color: "#fcd34d" },
  { key: "NOT_STARTED", label: "Not started", color: "#fca5a5" },
  { key: "NO_CHECKLIST", label: "No checklist", color: "#cbd5e1" },
];

const ROLE_INTRO: Record<string, string> = {
  PRODUCT_OWNER: "What needs you on the systems you own or contribute to, and how they stand.",
  SECURITY_REVIEWER: "Decisions waiting for you, oldest first, and the portfolio's security posture.",
  AUDITOR: "What changed, what no longer holds, and the exceptions in force.",
  ADMIN: "What needs an administrator, and the whole portfolio at a glance.",
};

function Figure({ label: text, value, href, hint, tone = "slate", testId }: { label: string; value: number; href: string; hint?: string; tone?: "red" | "amber" | "slate"; testId: string }) {
  const color = tone === "red" && value ? "text-red-600" : tone === "amber" && value ? "text-amber-600" : "text-slate-900";
  return (
    <Link href={href} className="block rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm hover:border-brand-500/40 hover:bg-slate-50" data-testid={testId}>
      <span className="block text-xs font-medium text-slate-500">{text}</span>
      <span className={`mt-0.5 block text-2xl font-semibold tabular-nums ${color}`}>{value.toLocaleString("en")}</span>
      {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
    </Link>
  );
}

function PercentBar({ percent, label: text }: { percent: number | null; label: string }) {
  const width = percent ?? 0;
  const color = percent === null ? "bg-slate-200" : percent >= 100 ? "bg-emerald-600" : percent >= 50 ? "bg-emerald-400" : percent > 0 ? "bg-amber-400" : "bg-red-300";
  return (
    <span className="block" title={`${text}: ${percent === null ? "no checklist" : `${percent} %`}`}>
      <span className="sr-only">{`${text}: ${percent === null ? "no checklist" : `${percent} %`}`}</span>
      <span className="block h-1.5 w-full rounded-full bg-slate-100" aria-hidden>
        <span className={`block h-1.5 rounded-full ${color}`} style={{ width: `${Math.max(width, percent === null ? 0 : 4)}%` }} />
      </span>
    </span>
  );
}

export default async function HomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor();
  const sp = await searchParams;
  const ctx = await homeContext({ actor, db }, { since: typeof sp.since === "string" ? sp.since : undefined });
  const isOwner = actor.role === "PRODUCT_OWNER";
  const [loaded, posture, mine] = await Promise.all([loadTaskGroups(ctx), portfolioPosture(ctx), isOwner ? mySystemsReadiness(ctx) : null]);
  // Lines reporting audit events ("Changes since") read as sentences, like the audit log.
  const told = await Promise.all(loaded.map(async (g) => ({ ...g, items: await tellAuditTasks(db, g.items) })));
  // Lists with something in them first (each kind keeps its order): on a phone the empty ones would otherwise push the work below the fold.
  const groups = [...told.filter((g) => g.count), ...told.filter((g) => !g.count)];
  const waiting = groups.reduce((n, g) => n + g.count, 0);
  const canCreate = hasPermission(actor.role, "system:create");

  return (
    <>
      <PageHeader
        title={`Welcome, ${actor.name.split(" ")[0]}`}
        description={ROLE_INTRO[actor.role ?? ""] ?? "The organisation's AI systems at a glance."}
        actions={canCreate ? <ButtonLink href="/systems/new">New system</ButtonLink> : undefined}
      />

      <section aria-labelledby="needs-you" className="mb-8">
        <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="needs-you" className="text-lg font-semibold text-slate-900">What needs you</h2>
            <p className="text-sm text-slate-500">
              {waiting ? `${waiting.toLocaleString("en")} open ${waiting === 1 ? "thing" : "things"} across ${groups.filter((g) => g.count).length} ${groups.filter((g) => g.count).length === 1 ? "list" : "lists"}.` : "Nothing is waiting for you."}
            </p>
          </div>
          {groups.some((g) => g.key === "changes-since") ? (
            <form method="get" action="/" className="flex items-end gap-2" aria-label="Changes since">
              <div>
                <label htmlFor="since" className="mb-1 block text-xs font-medium text-slate-600">Changes since</label>
                <Input id="since" name="since" type="date" defaultValue={ctx.since} max={ctx.today} className="w-40" />
              </div>
              <button type="submit" className={buttonClass("secondary")}>Show</button>
            </form>
          ) : null}
        </div>
        {groups.length ? (
          // grid-cols-1 is minmax(0, 1fr): a card's truncated (nowrap) lines may not widen the column past a phone's width.
          <div className="grid grid-cols-1 gap-4 md:grid-cols-2 2xl:grid-cols-3">
            {groups.map((g) => (
              <TaskGroupCard key={g.key} group={{ ...g, title: g.key === "changes-since" ? `Changes since ${ctx.since}` : g.title }} today={ctx.today} />
            ))}
          </div>
        ) : (
          <Card><EmptyState title="No task lists for your role" /></Card>
        )}
      </section>

      {mine ? (
        <Card className="mb-8 overflow-hidden">
          <CardHeader
            title="Your systems"
            description="Least ready first: checklist completion per pillar and the threat model's state."
            actions={<ButtonLink size="sm" variant="secondary" href="/systems?sort=readiness&dir=asc">All {mine.count} by readiness</ButtonLink>}
          />
          {mine.systems.length ? (
            <ul className="divide-y divide-slate-100">
              {mine.systems.map((s) => (
                <li key={s.id} className="grid grid-cols-1 gap-3 px-5 py-3 md:grid-cols-[minmax(0,1.4fr)_minmax(0,2fr)_auto] md:items-center">
                  <div className="min-w-0">
                    <Link href={`/systems/${s.id}`} className="block truncate text-sm font-semibold text-slate-900 hover:underline">{s.name}</Link>
                    <div className="mt-1 flex flex-wrap items-center gap-1.5">
                      <TierBadge tier={s.riskTier} />
                      <LifecycleBadge state={s.lifecycle} />
                      <span className="text-xs text-slate-500">Threat model: {s.threatModel ? `${label(s.threatModel.status)} (v${s.threatModel.version})` : "none yet"}</span>
                    </div>
                  </div>
                  <div className="grid grid-cols-5 gap-2">
                    {s.pillars.map((p) => (
                      <div key={p.pillar} className="min-w-0">
                        <span className="block truncate text-[11px] font-medium text-slate-500" aria-hidden>{p.pillar}</span>
                        <PercentBar percent={p.percent} label={p.title} />
                      </div>
                    ))}
                  </div>
                  <Link href={`/systems/${s.id}/checklist`} className="text-right text-sm tabular-nums text-slate-700 hover:underline md:w-28">
                    {s.readiness ? (
                      <>
                        <span className="text-lg font-semibold text-slate-900">{s.readiness.percent} %</span>
                        <span className="block text-xs text-slate-500">{s.readiness.done}/{s.readiness.total} done</span>
                      </>
                    ) : (
                      <span className="text-xs text-slate-500">No checklist</span>
                    )}
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <EmptyState
              title="You have no systems yet"
              description="Register a system you are responsible for, or ask its owner to add you as a contributor."
              action={canCreate ? <ButtonLink href="/systems/new">Register a system</ButtonLink> : undefined}
            />
          )}
        </Card>
      ) : null}

      <section aria-labelledby="posture">
        <div className="mb-3">
          <h2 id="posture" className="text-lg font-semibold text-slate-900">Portfolio posture</h2>
          <p className="text-sm text-slate-500">{isOwner ? "Your systems" : "Every live system"}; each number opens the list it counts.</p>
        </div>
        {posture.total === 0 ? (
          <Card>
            <EmptyState
              title="No AI systems registered yet"
              description="The inventory is the starting point: every AI system with its purpose, risk profile and bill of materials."
              action={canCreate ? <ButtonLink href="/systems/new">Register the first system</ButtonLink> : undefined}
            />
          </Card>
        ) : (
          <>
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
              <Figure label="Live systems" value={posture.total} href="/systems" testId="figure-total" />
              <Figure label="Critical or high risk" value={posture.byTier.filter((t) => t.key === "CRITICAL" || t.key === "HIGH").reduce((n, t) => n + t.count, 0)} href="/systems?tier=CRITICAL&tier=HIGH" testId="figure-high" />
              <Figure label="Reviews overdue" value={posture.reviews.overdue.count} href={posture.reviews.overdue.href} tone="red" hint="next review date has passed" testId="figure-review-overdue" />
              <Figure label="Reviews due in 30 days" value={posture.reviews.dueSoon.count} href={posture.reviews.dueSoon.href} tone="amber" testId="figure-review-due" />
            </div>
            <div className="mt-4 grid grid-cols-1 gap-4 xl:grid-cols-2">
              <Card>
                <CardHeader title="Systems by lifecycle and risk tier" description="Click a segment to open those systems." />
                <CardBody>
                  <StackedBars id="lifecycle" caption="Systems by lifecycle state, split by risk tier" rows={posture.lifecycle} series={TIER_SERIES} />
                </CardBody>
              </Card>
              <Card>
                <CardHeader title="Checklist completion by pillar" description="Systems per pillar by share of applicable controls done (met or not applicable)." />
                <CardBody>
                  <StackedBars id="pillars" caption="Systems by checklist completion in each pillar" rows={posture.pillars} series={BAND_SERIES} />
                </CardBody>
              </Card>
            </div>
            {posture.sections.length ? (
              <div className="mt-4 grid grid-cols-1 gap-4 md:grid-cols-2">
                {posture.sections.map((section) => (
                  <Card key={section.key}>
                    <CardHeader title={section.title} description={section.description} />
                    <CardBody className="grid grid-cols-2 gap-3 sm:grid-cols-3">
                      {section.figures.map((f) => (
                        <Figure key={f.key} label={f.label} value={f.count} href={f.href} tone={f.tone === "green" ? "slate" : f.tone} testId={`figure-${section.key}-${f.key}`} />
                      ))}
                    </CardBody>
                  </Card>
                ))}
              </div>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
