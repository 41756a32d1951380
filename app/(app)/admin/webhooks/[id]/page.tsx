import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status";
import { DeleteWebhookButton, RefreshWhileWaiting, RotateSecretButton, SendTestButton } from "@/components/webhooks/webhook-buttons";
import { EditWebhookForm } from "@/components/webhooks/webhook-forms";
import { pageContext } from "@/lib/auth/page-context";
import { can } from "@/lib/authz/policy";
import { NotFoundError } from "@/lib/errors";
import { pageId } from "@/lib/page-params";
import { listDeliveryLog, type DeliveryLogEntry } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhook" };

/** "2026-11-30T22:41:07.123Z" → "2026-11-30 22:41:07" (UTC). */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;

function Outcome({ entry }: { entry: DeliveryLogEntry }) {
  if (entry.succeeded) return <Badge tone="green">{entry.statusCode}</Badge>;
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <Badge tone="red">{entry.statusCode ?? "No answer"}</Badge>
      {entry.willRetry ? <Badge tone="amber">Will retry</Badge> : <Badge>Final</Badge>}
    </span>
  );
}

function Detail({ entry }: { entry: DeliveryLogEntry }) {
  return (
    <>
      {entry.error ? <p className="break-words text-red-700">{entry.error}</p> : null}
      {entry.responseExcerpt ? (
        <p className="mt-0.5 break-all font-mono text-[11px] text-slate-500" title="First characters of the response body">{entry.responseExcerpt}</p>
      ) : null}
    </>
  );
}

export default async function WebhookPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ page?: string }> }) {
  const id = pageId((await params).id);
  const ctx = await pageContext();
  if (!can(ctx.actor, "webhook:manage")) return <Forbidden message="Only admins manage outgoing webhooks." />;
  const requested = Number((await searchParams).page ?? "1");
  const log = await listDeliveryLog(ctx, id, { page: Number.isInteger(requested) && requested >= 1 && requested <= 100_000 ? requested : 1 }).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const w = log.webhook;
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/admin/webhooks" className="hover:underline">Webhooks</Link>}
        title={<span className="break-words">{w.name}</span>}
        description={<span className="break-all font-mono text-xs">{w.url}</span>}
        actions={w.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
      />
      <div className="grid min-w-0 gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card className="min-w-0">
          <CardHeader title="Settings" />
          <CardBody>
            <EditWebhookForm key={w.rowVersion} webhook={w} />
          </CardBody>
        </Card>
        <div className="min-w-0 space-y-6">
          <Card>
            <CardHeader title="Send a test" description="A “webhook.test” delivery, signed like every other, through the queue and the same checks." />
            <CardBody>
              <SendTestButton webhookId={w.id} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader
              title="Signing secret"
              description={`Starts with ${w.secretPrefix}…; ${w.secretRotatedAt ? `rotated ${when(w.secretRotatedAt)} UTC` : `created ${when(w.createdAt)} UTC`}. Never shown again after it is made.`}
            />
            <CardBody>
              <RotateSecretButton webhookId={w.id} name={w.name} rowVersion={w.rowVersion} />
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Delete" description="Stops deliveries and deletes the log." />
            <CardBody>
              <DeleteWebhookButton webhookId={w.id} name={w.name} rowVersion={w.rowVersion} />
            </CardBody>
          </Card>
        </div>
      </div>

      <Card className="mt-6 min-w-0 overflow-hidden">
        <CardHeader
          title="Delivery log"
          description={`Every attempt, newest first (${log.total} in all). Failed attempts are retried with growing delays (about 30 s, 1, 2, 4 and 8 minutes); only the first 200 characters of each answer are kept.`}
        />
        <div className="px-4 pb-2 sm:px-5">
          <RefreshWhileWaiting waiting={log.waiting.length} />
        </div>
        {log.waiting.length ? (
          <ul className="divide-y divide-slate-100 border-y border-slate-100 bg-slate-50" aria-label="Deliveries waiting">
            {log.waiting.map((d) => (
              <li key={d.id} className="flex flex-wrap items-center gap-2 px-4 py-2 text-sm sm:px-5">
                <DeliveryStatusBadge status={d.status} statusCode={null} />
                <span className="font-mono text-xs">{d.kind}</span>
                <span className="text-xs text-slate-500">queued {when(d.createdAt)} UTC · {d.attempts} {d.attempts === 1 ? "attempt" : "attempts"} so far</span>
              </li>
            ))}
          </ul>
        ) : null}
        {log.total === 0 ? (
          <EmptyState title="No deliveries yet" description="Send a test above, or wait for one of the chosen events. Each attempt will be listed here with its status code, duration and error." />
        ) : (
          <>
            {/* Cards on small screens, a table from md up. */}
            <ul className="divide-y divide-slate-100 md:hidden" aria-label="Delivery attempts">
              {log.entries.map((e) => (
                <li key={e.id} className="space-y-1 px-4 py-3 text-sm" data-testid="delivery-attempt">
                  <div className="flex flex-wrap items-center justify-between gap-2">
                    <span className="font-mono text-xs font-semibold">{e.kind}</span>
                    <Outcome entry={e} />
                  </div>
                  <p className="text-xs text-slate-500">
                    {when(e.startedAt)} UTC · attempt {e.attempt} · {e.durationMs} ms
                  </p>
                  <div className="text-xs"><Detail entry={e} /></div>
                </li>
              ))}
            </ul>
            <div className="relative hidden overflow-x-auto md:block">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50">
                  <tr>
                    {["When (UTC)", "Event", "Attempt", "Result", "Duration", "Error / answer"].map((h) => (
                      <th key={h} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {log.entries.map((e) => (
                    <tr key={e.id} data-testid="delivery-attempt-row">
                      <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{when(e.startedAt)}</td>
                      <td className="px-4 py-2.5 font-mono text-xs">{e.kind}</td>
                      <td className="px-4 py-2.5 text-slate-600">{e.attempt}</td>
                      <td className="px-4 py-2.5"><Outcome entry={e} /></td>
                      <td className="whitespace-nowrap px-4 py-2.5 text-slate-600">{e.durationMs} ms</td>
                      <td className="max-w-md px-4 py-2.5 text-xs"><Detail entry={e} /></td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {log.pages > 1 ? (
              <nav className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-100 px-4 py-3 text-sm sm:px-5" aria-label="Delivery log pages">
                <span className="text-slate-500">Page {log.page} of {log.pages}</span>
                <span className="flex gap-2">
                  {log.page > 1 ? <ButtonLink size="sm" variant="secondary" href={`/admin/webhooks/${w.id}?page=${log.page - 1}`}>← Newer</ButtonLink> : null}
                  {log.page < log.pages ? <ButtonLink size="sm" variant="secondary" href={`/admin/webhooks/${w.id}?page=${log.page + 1}`}>Older →</ButtonLink> : null}
                </span>
              </nav>
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}
