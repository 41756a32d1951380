import type { Metadata } from "next";
import { PlannedSection } from "@/components/systems/planned-section";
import { loadSystemForPage } from "@/lib/systems/load-for-page";

export const metadata: Metadata = { title: "Approvals" };

export default async function Page({ params }: { params: Promise<{ id: string }> }) {
  await loadSystemForPage((await params).id);
  return <PlannedSection title="Approvals" description="Deployment sign-off requests for each release and environment, pinned to asset digests and checklist state, will appear here." />;
}
