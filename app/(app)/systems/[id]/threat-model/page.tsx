import type { Metadata } from "next";
import { PlannedSection } from "@/components/systems/planned-section";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Threat model" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await loadSystemForPage((await params).id);
  return <PlannedSection title="Threat model" description="Versioned threat models — scope, trust boundaries and threats tagged with MITRE ATLAS and OWASP identifiers, with likelihood, impact and treatment — will be kept here." />;
}
