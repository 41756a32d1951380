import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { AllowPrivateToggle } from "@/components/webhooks/webhook-buttons";
import { CreateWebhookForm } from "@/components/webhooks/webhook-forms";
import { DeliveryStatusBadge } from "@/components/webhooks/delivery-status";
import { pageContext } from "@/lib/auth/page-context";
import { can } from "@/lib/authz/policy";
import { listWebhooks } from "@/lib/webhooks/queries";

export const metadata: Metadata = { title: "Webhooks" };

/** "2026-11-30T22:41:07.123Z" → "2026-11-30 22:41" (UTC). */
const when = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)}`;

export default async function WebhooksPage() {
  const ctx = await pageContext();
  if (!can(ctx.actor, "webhook:manage")) return <Forbidden message="Only admins manage outgoing webhooks." />;
  const { webhooks, policy } = await listWebhooks(ctx);
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Send notifications to other systems (ticketing, chat, SIEM) as signed JSON. Each delivery is queued, retried with back-off when the receiver fails, and logged on the webhook's page."
      />
      <Card className="mb-6 overflow-hidden">
        <CardHeader title={`${webhooks.length} ${webhooks.length === 1 ? "webhook" : "webhooks"}`} description="By name. Open one to edit it, send a test or read its delivery log." />
        {webhooks.length === 0 ? (
          <EmptyState
            title="No webhooks yet"
            description="Create one below: choose the events it receives and the URL they are posted to. Its signing secret is shown once."
            icon={
              <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.6">
                <path d="M9 17a4 4 0 1 1-3.5-6M15 7a4 4 0 1 1 3.5 6M12 6l-3 6h6l-3 6" strokeLinecap="round" strokeLinejoin="round" />
              </svg>
            }
          />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Webhooks">
            {webhooks.map((w) => (
              <li key={w.id} className="px-4 py-3 sm:px-5" data-testid={`webhook-${w.name}`}>
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <div className="min-w-0">
                    <Link href={`/admin/webhooks/${w.id}`} className="break-words font-medium text-brand-700 hover:underline">{w.name}</Link>
                    <p className="break-all font-mono text-xs text-slate-500">{w.url}</p>
                  </div>
                  <div className="flex flex-wrap items-center gap-2">
                    {w.enabled ? <Badge tone="green">Enabled</Badge> : <Badge>Disabled</Badge>}
                    {w.lastDelivery ? <DeliveryStatusBadge status={w.lastDelivery.status} statusCode={w.lastDelivery.statusCode} /> : <Badge>No deliveries yet</Badge>}
                  </div>
                </div>
                <p className="mt-1 text-xs text-slate-600">
                  {w.kinds.length} {w.kinds.length === 1 ? "event" : "events"}: <span className="break-words">{w.kinds.join(", ")}</span>
                  {w.lastDelivery ? <span className="text-slate-500"> · last delivery {when(w.lastDelivery.at)} UTC</span> : null}
                </p>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mb-6">
        <CardHeader title="Create a webhook" description="The URL is checked now and again before every delivery: it must resolve to a public address (no loopback, private, link-local, CGNAT or multicast addresses) unless private targets are allowed below." />
        <CardBody>
          <CreateWebhookForm />
        </CardBody>
      </Card>
      <Card>
        <CardHeader
          title="Private targets"
          description={
            policy.allowPrivate
              ? "Allowed: webhooks may reach loopback, private and link-local addresses. Refuse them again unless a receiver inside your network needs this."
              : "Refused (the safe default): webhooks reach only public addresses, so nobody can use them to probe this server or your internal network."
          }
        />
        <CardBody>
          <AllowPrivateToggle allowed={policy.bySetting} byEnvironment={policy.byEnvironment} />
        </CardBody>
      </Card>
    </>
  );
}
