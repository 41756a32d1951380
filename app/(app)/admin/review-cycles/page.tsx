import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { IntervalsForm } from "@/components/reviews/intervals-form";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { getReviewIntervals, reviewIntervalsVersion } from "@/lib/reviews/settings";

export const metadata: Metadata = { title: "Review cycles" };

export default async function ReviewCyclesPage() {
  const actor = await requireActor();
  if (!hasPermission(actor.role, "settings:manage")) return <Forbidden message="Only admins change review cycles." />;
  const [intervals, version] = await Promise.all([getReviewIntervals(db), reviewIntervalsVersion(db)]);
  return (
    <>
      <PageHeader
        title="Review cycles"
        description="How often each system is reviewed, by risk tier. A recorded review sets the next one this many days later; a major change (new model digest, tier or autonomy raised, a new capability) brings it to within 30 days."
      />
      <Card className="max-w-3xl">
        <CardBody>
          <IntervalsForm current={intervals} version={version} />
        </CardBody>
      </Card>
    </>
  );
}
