import type { Metadata } from "next";
import { RotateSigningKey } from "@/components/admin/rotate-signing-key";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { pageContext } from "@/lib/auth/page-context";
import { can } from "@/lib/authz/policy";
import { listSigningKeysFor } from "@/lib/signing";

export const metadata: Metadata = { title: "Settings" };

const day = (iso: string | null) => (iso ? iso.replace("T", " ").slice(0, 16) + " UTC" : "—");

export default async function SettingsPage() {
  const ctx = await pageContext();
  if (!can(ctx.actor, "settings:manage")) return <Forbidden message="Only admins change instance settings." />;
  const keys = await listSigningKeysFor(ctx);
  const active = keys.find((k) => k.status === "active");
  return (
    <>
      <PageHeader title="Settings" description="Instance-wide settings." />
      <Card className="min-w-0">
        <div data-testid="signing-keys-card" className="min-w-0">
        <CardHeader
          title="Signing keys"
          description="This instance signs approval attestations with an Ed25519 key. Verifiers fetch the public keys from /api/v1/keys; retired keys stay listed so older attestations still verify. The private key is stored encrypted and never shown."
          actions={active ? <RotateSigningKey activeKeyId={active.keyId} activeFingerprint={active.fingerprint} /> : null}
        />
        <CardBody className="p-0">
          <ul className="divide-y divide-slate-100" aria-label="Signing keys">
            {keys.map((k) => (
              <li key={k.keyId} className="px-5 py-4" data-testid={`signing-key-${k.status}`}>
                <div className="flex flex-wrap items-center gap-2">
                  {k.status === "active" ? <Badge tone="green">Active</Badge> : <Badge>Retired</Badge>}
                  <span className="text-xs text-slate-500">Ed25519</span>
                </div>
                <p className="mt-2 break-all font-mono text-xs text-slate-800" title="SHA-256 of the DER public key">{k.fingerprint}</p>
                <dl className="mt-2 grid grid-cols-1 gap-x-6 gap-y-1 text-xs text-slate-600 sm:grid-cols-2">
                  <div><dt className="inline font-medium">Activated: </dt><dd className="inline">{day(k.activatedAt)}</dd></div>
                  <div><dt className="inline font-medium">Retired: </dt><dd className="inline">{day(k.retiredAt)}</dd></div>
                </dl>
                <details className="mt-2 text-xs">
                  <summary className="cursor-pointer text-slate-600 hover:text-slate-900">Public key (PEM)</summary>
                  <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-3 font-mono text-[11px] text-slate-800">{k.publicKeyPem}</pre>
                </details>
              </li>
            ))}
          </ul>
        </CardBody>
        </div>
      </Card>
    </>
  );
}
