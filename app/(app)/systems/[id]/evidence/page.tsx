import type { Metadata } from "next";
import { PlannedSection } from "@/components/systems/planned-section";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Evidence" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await loadSystemForPage((await params).id);
  return <PlannedSection title="Evidence" description="Files, links and notes that support this system's checklist items will be listed here." />;
}
