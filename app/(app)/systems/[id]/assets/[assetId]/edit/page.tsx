import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { AssetForm } from "@/components/assets/asset-form";
import { Forbidden } from "@/components/forbidden";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { getAsset } from "@/lib/assets/queries";
import { digestAlgorithmName } from "@/lib/assets/rules/digests";
import { db } from "@/lib/db/client";
import { NotFoundError } from "@/lib/errors";
import { pageId } from "@/lib/page-params";
import { loadSystemForPage } from "@/lib/systems/load-for-page";
import { updateAssetAction } from "@/lib/assets/actions";

export const metadata: Metadata = { title: "Edit asset" };

export default async function EditAssetPage({ params }: { params: Promise<{ id: string; assetId: string }> }) {
  const { id, assetId } = await params;
  const { actor, system } = await loadSystemForPage(id);
  const asset = await getAsset({ actor, db }, pageId(assetId)).catch((error) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  if (asset.systemId !== system.id) notFound();
  if (!asset.can.edit) return <Forbidden message="Only the owner, contributors or an admin may change this system's assets." />;
  const initial: Record<string, string | string[]> = {
    kind: asset.kind,
    name: asset.name,
    version: asset.version ?? "",
    supplier: asset.supplier ?? "",
    licence: asset.licence ?? "",
    sha256: asset.sha256 ?? "",
    otherDigests: asset.otherDigests.map((d) => `${digestAlgorithmName(d.algorithm)}:${d.value}`),
    signatureRef: asset.signatureRef ?? "",
    sensitivity: asset.sensitivity ?? "",
    permissions: asset.permissions,
    dueDiligence: asset.dueDiligence,
    capabilities: asset.capabilities,
    credentialType: asset.credentialType ?? "",
    humanApprovalRequired: asset.humanApprovalRequired === null ? "" : String(asset.humanApprovalRequired),
    secretLocation: asset.secretLocation ?? "",
    rotationDays: asset.rotationDays === null ? "" : String(asset.rotationDays),
    notes: asset.notes ?? "",
    expectedVersion: String(asset.rowVersion),
  };
  return (
    <Card>
      <CardHeader title={`Edit ${asset.name}`} />
      <CardBody className="py-6">
        <AssetForm action={updateAssetAction.bind(null, system.id, asset.id)} initial={initial} cancelHref={`/systems/${system.id}/assets`} submitLabel="Save asset" />
      </CardBody>
    </Card>
  );
}
