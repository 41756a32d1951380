import type { Metadata } from "next";
import { AssetForm } from "@/components/assets/asset-form";
import { Forbidden } from "@/components/forbidden";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { loadSystemForPage } from "@/lib/systems/load-for-page";
import { createAssetAction } from "@/lib/assets/actions";

export const metadata: Metadata = { title: "Add asset" };

export default async function NewAssetPage({ params }: { params: Promise<{ id: string }> }) {
  const { system } = await loadSystemForPage((await params).id);
  if (!system.can.editAssets) return <Forbidden message="Only the owner, contributors or an admin may change this system's assets." />;
  return (
    <Card>
      <CardHeader title="Add an asset" description="One component of the system: a model, dataset, prompt, tool, vendor API, identity, credential reference…" />
      <CardBody className="py-6">
        <AssetForm action={createAssetAction.bind(null, system.id)} initial={{ kind: "", dueDiligence: "NOT_STARTED" }} cancelHref={`/systems/${system.id}/assets`} submitLabel="Add asset" />
      </CardBody>
    </Card>
  );
}
