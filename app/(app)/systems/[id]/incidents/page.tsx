import type { Metadata } from "next";
import { PlannedSection } from "@/components/systems/planned-section";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Incidents" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await loadSystemForPage((await params).id);
  return <PlannedSection title="Incidents" description="AI security incidents linked to this system and its assets, with their timelines and lessons learned, will appear here." />;
}
