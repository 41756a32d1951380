import type { Metadata } from "next";
import { NotificationRulesForm } from "@/components/incidents/rules-form";
import { SeverityGuide } from "@/components/incidents/severity-guide";
import { Forbidden } from "@/components/forbidden";
import { Alert } from "@/components/ui/alert";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/auth/page-context";
import { can } from "@/lib/authz/policy";
import { getNotificationRules, notificationRulesVersion } from "@/lib/incidents/settings";

export const metadata: Metadata = { title: "Incident notification rules" };

export default async function IncidentRulesPage() {
  const ctx = await pageContext();
  if (!can(ctx.actor, "settings:manage")) return <Forbidden message="Only admins change the notification rules." />;
  const [{ rules, customised }, version] = await Promise.all([getNotificationRules(ctx.db), notificationRulesVersion(ctx.db)]);
  return (
    <>
      <PageHeader title="Incident notification rules" description="Who must be told about an incident, and how many hours after its detection. Each new incident gets one duty per party with a rule for its severity." />
      <div className="space-y-6">
        <Alert tone={customised ? "info" : "warning"} title={customised ? "Your organisation's rules are in force" : "Example rules in force"}>
          The shipped rules are a starting point only (72 hours for a regulator on SEV1/SEV2 follows the common personal-data breach window). Your organisation must set its own, from its legal, regulatory and contractual duties. Changes apply to incidents reported from now on; existing duties keep their deadlines until the severity changes.
        </Alert>
        <Card>
          <CardHeader title="Hours after detection" description="Leave a cell empty for no duty." />
          <CardBody><NotificationRulesForm rules={rules} version={version} /></CardBody>
        </Card>
        <Card>
          <CardHeader title="Severity levels" />
          <CardBody><SeverityGuide /></CardBody>
        </Card>
      </div>
    </>
  );
}
