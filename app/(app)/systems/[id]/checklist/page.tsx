import type { Metadata } from "next";
import { PlannedSection } from "@/components/systems/planned-section";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Checklist" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await loadSystemForPage((await params).id);
  return <PlannedSection title="Checklist" description="The per-pillar checklist (secure design, development, deployment, operation and decommissioning) with evidence will be generated here from the control library, based on this system's risk profile." />;
}
