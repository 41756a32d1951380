import type { Metadata } from "next";
import { Forbidden } from "@/components/forbidden";
import { Card, CardBody } from "@/components/ui/card";
import { SystemForm } from "@/components/systems/system-form";
import { db } from "@/lib/db/client";
import { editableLifecycleOptions } from "@/lib/systems/lifecycle-rules";
import { listAssignableUsers } from "@/lib/systems/queries";
import { loadSystemForPage } from "@/lib/systems/load-for-page";
import { updateSystemAction } from "@/lib/systems/actions";

export const metadata: Metadata = { title: "Edit system" };

export default async function EditSystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { actor, system } = await loadSystemForPage((await params).id);
  if (!system.can.edit) {
    return <Forbidden message={system.archivedAt ? "Archived systems are read-only. Restore it first." : "Only the owner, contributors or an admin may edit this system."} />;
  }
  const people = await listAssignableUsers({ actor, db });
  // Only DRAFT and IN_REVIEW are set by editing; the other states belong to workflows.
  const lifecycleOptions = editableLifecycleOptions(system.lifecycle);
  return (
    <Card>
      <CardBody className="py-6">
        <SystemForm
          action={updateSystemAction.bind(null, system.id)}
          initial={{
            name: system.name,
            slug: system.slug,
            purpose: system.purpose,
            riskTier: system.riskTier,
            dataSensitivity: system.dataSensitivity,
            autonomy: system.autonomy,
            exposure: system.exposure,
            nextReviewDue: system.nextReviewDue ?? "",
            lifecycle: system.lifecycle,
            ownerId: system.owner.id,
            contributorIds: system.contributors.map((c) => c.id),
            expectedVersion: system.rowVersion,
          }}
          people={people}
          canChangeOwner={system.can.archive}
          lifecycleOptions={lifecycleOptions.length ? lifecycleOptions : undefined}
          lifecycleReadOnly={lifecycleOptions.length ? undefined : system.lifecycle}
          cancelHref={`/systems/${system.id}`}
          submitLabel="Save changes"
        />
      </CardBody>
    </Card>
  );
}
