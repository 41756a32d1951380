import type { Metadata } from "next";
import Link from "next/link";
import { PreferencesForm } from "@/components/notifications/preferences-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { db } from "@/lib/db/client";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from "@/lib/notifications/events";
import { getPreferences } from "@/lib/notifications/queries";

export const metadata: Metadata = { title: "Email preferences" };

export default async function PreferencesPage() {
  const actor = await requireActor();
  const prefs = await getPreferences({ actor, db });
  return (
    <>
      <PageHeader breadcrumb={<Link href="/inbox" className="hover:underline">← Inbox</Link>} title="Email preferences" description="The inbox always shows every notification; choose which ones also arrive by email." />
      <Card className="max-w-2xl">
        <CardBody>
          <PreferencesForm smtp={Boolean(getConfig().SMTP_URL)} kinds={NOTIFICATION_KINDS.map((k) => ({ kind: k, label: NOTIFICATION_KIND_LABELS[k], email: prefs[k] }))} />
        </CardBody>
      </Card>
    </>
  );
}
