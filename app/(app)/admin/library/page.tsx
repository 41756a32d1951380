import type { Metadata } from "next";
import Link from "next/link";
import { Forbidden } from "@/components/forbidden";
import { PublishLibraryPanel } from "@/components/library/publish-library-panel";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/authz/permissions";
import { pageContext } from "@/lib/auth/page-context";
import { listLibraryVersions } from "@/lib/controls/queries";

export const metadata: Metadata = { title: "Library versions" };

export default async function LibraryVersionsPage() {
  const ctx = await pageContext();
  const { actor } = ctx;
  if (!hasPermission(actor.role, "library:manage")) return <Forbidden message="Only admins publish control library versions. Everyone can browse the library under Control library." />;
  const versions = await listLibraryVersions(ctx);
  const current = versions.find((v) => v.isCurrent);

  return (
    <>
      <PageHeader
        title="Library versions"
        description="Every published version of the control library. New checklists are built from the current version; existing checklists keep theirs until a security reviewer upgrades them after seeing the diff."
      />
      <Card className="mb-6 overflow-hidden">
        <CardHeader title={`${versions.length} ${versions.length === 1 ? "version" : "versions"}`} description={current ? `Current: ${current.version}` : "No version is current yet."} />
        <div className="relative overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50">
              <tr>
                {["Version", "Published", "By", "Controls", "Checklists on it", "Notes", ""].map((h) => (
                  <th key={h} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{h || <span className="sr-only">Actions</span>}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {versions.map((v) => (
                <tr key={v.id} data-testid={`library-version-${v.version}`}>
                  <td className="whitespace-nowrap px-4 py-3">
                    <Link href={`/library?version=${v.version}`} className="font-mono font-medium text-slate-900 hover:text-brand-700 hover:underline">{v.version}</Link>
                    {v.isCurrent ? <Badge tone="green" className="ml-2">Current</Badge> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600"><time dateTime={v.publishedAt}>{v.publishedAt.slice(0, 10)}</time></td>
                  <td className="px-4 py-3 text-slate-600">{v.publishedBy ?? <span className="text-slate-400" title="Shipped with the product">—</span>}</td>
                  <td className="px-4 py-3 tabular-nums text-slate-700">{v.controlCount}</td>
                  <td className="px-4 py-3 tabular-nums text-slate-700">{v.checklistCount}</td>
                  <td className="max-w-xs px-4 py-3 text-slate-600">{v.notes ?? <span className="text-slate-400">—</span>}</td>
                  <td className="whitespace-nowrap px-4 py-3 text-right">
                    <a href={`/api/library/${v.version}`} download className="text-sm font-medium text-brand-700 hover:underline" aria-label={`Download version ${v.version} as JSON`}>
                      Download JSON
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <Card>
        <CardHeader
          title="Publish a new version"
          description="Download the current version, edit it (add, retire or reword controls, change applicability or mappings) and give it a higher version number. The file is checked against the library schema and compared with the current version before anything is published."
        />
        <CardBody>
          <PublishLibraryPanel />
        </CardBody>
      </Card>
    </>
  );
}
