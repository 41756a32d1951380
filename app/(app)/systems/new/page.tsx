import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { SystemForm } from "@/components/systems/system-form";
import { hasPermission } from "@/lib/authz/permissions";
import { requireActor } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { listAssignableUsers } from "@/lib/systems/queries";
import { createSystemAction } from "@/lib/systems/actions";

export const metadata: Metadata = { title: "New AI system" };

export default async function NewSystemPage() {
  const actor = await requireActor();
  if (!hasPermission(actor.role, "system:create")) {
    return <Forbidden message="Only product owners and admins register AI systems. Your role can view the inventory." />;
  }
  const people = await listAssignableUsers({ actor, db });
  return (
    <>
      <PageHeader
        breadcrumb={<Link href="/systems" className="hover:text-slate-900">AI systems</Link>}
        title="Register an AI system"
        description="Describe the deployed system — not only the model. Its risk profile decides which controls apply and who must approve it."
      />
      <Card>
        <CardBody className="py-6">
          <SystemForm
            action={createSystemAction}
            initial={{ name: "", slug: "", purpose: "", riskTier: "", dataSensitivity: "", autonomy: "", exposure: "", nextReviewDue: "", ownerId: actor.id, contributorIds: [] }}
            people={people}
            canChangeOwner={actor.role === "ADMIN"}
            cancelHref="/systems"
            submitLabel="Register system"
          />
        </CardBody>
      </Card>
    </>
  );
}
