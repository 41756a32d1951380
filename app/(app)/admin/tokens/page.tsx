import type { Metadata } from "next";
import { CreateTokenForm, RevokeTokenButton } from "@/components/admin/token-forms";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/authz/permissions";
import { scopesWithinRole } from "@/lib/authz/scopes";
import { pageContext } from "@/lib/auth/page-context";
import { listApiTokens, type TokenRow } from "@/lib/tokens/queries";
import { TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS, utcDatePlusDays } from "@/lib/tokens/schema";

export const metadata: Metadata = { title: "API tokens" };

const STATE = {
  ACTIVE: { tone: "green", text: "Active" },
  EXPIRED: { tone: "amber", text: "Expired" },
  REVOKED: { tone: "red", text: "Revoked" },
} as const;

/** "2026-11-30T22:41:07.123Z" → "2026-11-30 22:41" (UTC). */
function when(iso: string | null, none: string) {
  return iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : none;
}

function LastUsed({ token }: { token: TokenRow }) {
  if (!token.lastUsedAt) return <span className="text-slate-500">Never used</span>;
  return (
    <span>
      {when(token.lastUsedAt, "")}
      {token.lastUsedIp && token.lastUsedIp !== "unknown" ? <span className="block text-xs text-slate-500">from {token.lastUsedIp}</span> : null}
    </span>
  );
}

function Scopes({ scopes }: { scopes: string[] }) {
  return (
    <span className="flex flex-wrap gap-1">
      {scopes.map((s) => <code key={s} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{s}</code>)}
    </span>
  );
}

export default async function ApiTokensPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await pageContext();
  const { actor } = ctx;
  if (!hasPermission(actor.role, "token:manage")) return <Forbidden message="Only admins manage API tokens." />;
  const requested = Number((await searchParams).page ?? "1");
  const { rows, total, page, pageCount } = await listApiTokens(ctx, { page: Number.isInteger(requested) ? requested : 1 });
  const now = new Date();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let pipelines and scripts call the API (Authorization: Bearer …). A token acts as the admin who created it, narrowed to its scopes, until it expires or is revoked. Every use is recorded; refusals are audited."
      />
      <Card className="mb-6">
        <CardHeader title="Create a token" description={`Works until the end of its expiry day (UTC): ${TOKEN_DEFAULT_DAYS} days unless you choose otherwise, at most ${TOKEN_MAX_DAYS}.`} />
        <CardBody>
          <CreateTokenForm
            scopes={scopesWithinRole(actor.role)}
            defaultExpiry={utcDatePlusDays(now, TOKEN_DEFAULT_DAYS)}
            minExpiry={utcDatePlusDays(now, 0)}
            maxExpiry={utcDatePlusDays(now, TOKEN_MAX_DAYS)}
            maxDays={TOKEN_MAX_DAYS}
          />
        </CardBody>
      </Card>
      <Card className="overflow-hidden">
        <CardHeader title={`${total} ${total === 1 ? "token" : "tokens"}`} description="Active tokens first, then newest first. Secrets are never shown again; the prefix identifies a token in logs." />
        {total === 0 ? (
          <EmptyState title="No API tokens yet" description="Create one above for a CI pipeline or a script. It will be listed here with its last use." />
        ) : (
          <>
            {/* Cards on small screens, a table from md up. */}
            <ul className="divide-y divide-slate-100 md:hidden" aria-label="API tokens">
              {rows.map((t) => (
                <li key={t.id} className="space-y-2 px-4 py-3 text-sm" data-testid={`token-${t.name}`}>
                  <div className="flex items-start justify-between gap-2">
                    <div className="min-w-0">
                      <p className="break-words font-medium text-slate-900">{t.name}</p>
                      <p className="font-mono text-xs text-slate-500">{t.prefix}…</p>
                    </div>
                    <Badge tone={STATE[t.state].tone}>{STATE[t.state].text}</Badge>
                  </div>
                  <Scopes scopes={t.scopes} />
                  <dl className="grid grid-cols-2 gap-x-3 gap-y-1 text-xs text-slate-600">
                    <dt className="text-slate-500">Owner</dt><dd className="break-words">{t.owner.name}</dd>
                    <dt className="text-slate-500">Created</dt><dd>{when(t.createdAt, "")}</dd>
                    <dt className="text-slate-500">Expires</dt><dd>{when(t.expiresAt, "Never")}</dd>
                    <dt className="text-slate-500">Last used</dt><dd><LastUsed token={t} /></dd>
                  </dl>
                  {t.state === "ACTIVE" ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null}
                </li>
              ))}
            </ul>
            <div className="relative hidden overflow-x-auto md:block">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <thead className="bg-slate-50">
                  <tr>
                    {["Token", "Scopes", "Owner", "Created", "Expires", "Last used", "Status", ""].map((h) => (
                      <th key={h} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{h}</th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {rows.map((t) => (
                    <tr key={t.id} data-testid={`token-row-${t.name}`}>
                      <td className="px-4 py-3">
                        <p className="font-medium text-slate-900">{t.name}</p>
                        <p className="font-mono text-xs text-slate-500">{t.prefix}…</p>
                      </td>
                      <td className="max-w-56 px-4 py-3"><Scopes scopes={t.scopes} /></td>
                      <td className="px-4 py-3 text-slate-600">{t.owner.name}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600">{when(t.createdAt, "")}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600">{when(t.expiresAt, "Never")}</td>
                      <td className="whitespace-nowrap px-4 py-3 text-slate-600"><LastUsed token={t} /></td>
                      <td className="px-4 py-3"><Badge tone={STATE[t.state].tone}>{STATE[t.state].text}</Badge></td>
                      <td className="px-4 py-3 text-right">{t.state === "ACTIVE" ? <RevokeTokenButton tokenId={t.id} name={t.name} /> : null}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {pageCount > 1 ? (
              <nav aria-label="Pagination" className="flex flex-wrap items-center justify-between gap-2 border-t border-slate-200 px-5 py-3 text-sm">
                <p className="text-slate-600">Page {page} of {pageCount} · {total} tokens</p>
                <div className="flex gap-2">
                  {page > 1 ? <ButtonLink size="sm" variant="secondary" href={`/admin/tokens?page=${page - 1}`}>← Previous</ButtonLink> : null}
                  {page < pageCount ? <ButtonLink size="sm" variant="secondary" href={`/admin/tokens?page=${page + 1}`}>Next →</ButtonLink> : null}
                </div>
              </nav>
            ) : null}
          </>
        )}
      </Card>
    </>
  );
}
