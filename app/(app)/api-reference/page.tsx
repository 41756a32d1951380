import type { Metadata } from "next";
import { headers } from "next/headers";
import { OperationCard, type Operation } from "@/components/api-reference/operation";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { GITHUB_ACTIONS_STEP, GITLAB_CI_JOB } from "@/lib/openapi/ci-examples";
import { openApiDocument } from "@/lib/openapi/document";

export const metadata: Metadata = { title: "API reference" };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

export default async function ApiReferencePage() {
  await requireActor();
  const configured = getConfig().AUTH_URL;
  const host = (await headers()).get("host");
  const origin = configured ? new URL(configured).origin : host ? `http://${host}` : "";
  const doc = openApiDocument(origin);
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = (item as Record<string, unknown>)[method];
      if (op) operations.push({ method, path, op: op as Operation["op"] });
    }
  }
  const tags = [...new Set(operations.map((o) => o.op.tags?.[0] ?? "Other"))];
  return (
    <div data-testid="api-reference" className="min-w-0">
      <PageHeader title="API reference" description="Every HTTP endpoint of this instance, generated from the validation schemas. Machine-readable: /api/v1/openapi.json (OpenAPI 3.1)." />
      <nav aria-label="Sections" className="mb-6 flex flex-wrap gap-2 text-sm">
        <a href="#ci" className="rounded-md bg-white px-3 py-1.5 text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">CI examples</a>
        {tags.map((tag) => (
          <a key={tag} href={`#${slugOf(tag)}`} className="rounded-md bg-white px-3 py-1.5 text-slate-700 ring-1 ring-slate-200 hover:bg-slate-50">{tag}</a>
        ))}
        <a href="/api/v1/openapi.json" className="rounded-md bg-white px-3 py-1.5 text-brand-700 ring-1 ring-slate-200 hover:bg-slate-50">openapi.json</a>
      </nav>
      <Card className="mb-8">
        <div id="ci" />
        <CardHeader
          title="Ask the gate from CI"
          description="Create an API token with the gate:read scope (Admin → API tokens) and store it as a secret. The step fails closed: any HTTP error or a deny stops the pipeline; the answer's reasons say what to fix."
        />
        <CardBody className="space-y-5">
          <Example title="GitHub Actions step" code={GITHUB_ACTIONS_STEP} />
          <Example title="GitLab CI job" code={GITLAB_CI_JOB} />
          <p className="text-sm text-slate-600">
            To check a signed approval offline instead, fetch <code className="break-all">/api/v1/approvals/&lt;id&gt;/attestation</code> and verify it with openssl as described in docs/attestations.md.
          </p>
        </CardBody>
      </Card>
      {tags.map((tag) => (
        <section key={tag} id={slugOf(tag)} className="mb-8" aria-labelledby={`${slugOf(tag)}-title`}>
          <h2 id={`${slugOf(tag)}-title`} className="mb-3 text-lg font-semibold text-slate-900">{tag}</h2>
          <div className="space-y-3">
            {operations.filter((o) => (o.op.tags?.[0] ?? "Other") === tag).map((o) => <OperationCard key={`${o.method} ${o.path}`} operation={o} />)}
          </div>
        </section>
      ))}
    </div>
  );
}

function slugOf(tag: string) {
  return tag.toLowerCase().replace(/[^a-z0-9]+/g, "-");
}

function Example({ title, code }: { title: string; code: string }) {
  return (
    <div>
      <h3 className="mb-1.5 text-sm font-semibold text-slate-800">{title}</h3>
      {/* Scrolls sideways on phones: focusable and named, so a keyboard can scroll it too. */}
      <pre tabIndex={0} role="region" aria-label={`${title} (example)`} className="max-w-full overflow-x-auto rounded-md bg-slate-900 p-3 text-xs leading-relaxed text-slate-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"><code>{code}</code></pre>
    </div>
  );
}
