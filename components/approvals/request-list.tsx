import Link from "next/link";
import { TierBadge } from "@/components/status-badges";
import type { ApprovalListItem } from "@/lib/approvals/queries";
import { ApprovalStateBadge, ExceptionBadge, GateBadge } from "./badges";

function age(days: number) {
  return days === 0 ? "today" : days === 1 ? "1 day" : `${days} days`;
}

/**
 * Requests as a table from the md breakpoint and as cards below it (no sideways scrolling at
 * 390 px). `showSystem` adds the system column; `note` renders one extra line per row.
 */
export function RequestList({ items, showSystem = true, note }: { items: (ApprovalListItem & { blockedReason?: string | null })[]; showSystem?: boolean; note?: (item: ApprovalListItem & { blockedReason?: string | null }) => string | null }) {
  return (
    <>
      <ul className="divide-y divide-slate-100 md:hidden" aria-label="Approval requests">
        {items.map((r) => (
          <li key={r.id} className="px-4 py-3">
            <Link href={`/approvals/${r.id}`} className="font-medium text-brand-700 hover:underline">
              {showSystem ? `${r.system.name} · ` : ""}
              {r.releaseLabel}
            </Link>
            <p className="text-xs text-slate-500">
              {r.environment} · {r.requester.name} · {age(r.ageDays)}
            </p>
            <div className="mt-1.5 flex flex-wrap gap-1.5">
              <ApprovalStateBadge state={r.state} />
              <TierBadge tier={r.riskTier} />
              <GateBadge passed={r.gatePassed} />
              {r.needsException || r.hasException ? <ExceptionBadge recorded={r.hasException} expiresOn={r.exceptionExpiresOn} /> : null}
            </div>
            {r.state === "SUBMITTED" && r.approvalsRequired ? (
              <p className="mt-1 text-xs text-slate-600">
                {r.approvals} of {r.approvalsRequired} approvals
              </p>
            ) : null}
            {note?.(r) ? <p className="mt-1 text-xs text-slate-500">{note(r)}</p> : null}
          </li>
        ))}
      </ul>
      <div className="relative hidden overflow-x-auto md:block">
        <table className="min-w-full text-left text-sm">
          <thead className="border-b border-slate-200 bg-slate-50 text-xs text-slate-500">
            <tr>
              {showSystem ? <th scope="col" className="px-4 py-2 font-medium">System</th> : null}
              <th scope="col" className="px-4 py-2 font-medium">Release</th>
              <th scope="col" className="px-4 py-2 font-medium">Environment</th>
              <th scope="col" className="px-4 py-2 font-medium">Tier</th>
              <th scope="col" className="px-4 py-2 font-medium">State</th>
              <th scope="col" className="px-4 py-2 font-medium">Gate</th>
              <th scope="col" className="px-4 py-2 font-medium">Approvals</th>
              <th scope="col" className="px-4 py-2 font-medium">Age</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {items.map((r) => (
              <tr key={r.id} className="align-top">
                {showSystem ? (
                  <td className="px-4 py-3">
                    <Link href={`/approvals/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.system.name}
                    </Link>
                    <p className="text-xs text-slate-500">requested by {r.requester.name}</p>
                  </td>
                ) : null}
                <td className="px-4 py-3">
                  {showSystem ? (
                    r.releaseLabel
                  ) : (
                    <Link href={`/approvals/${r.id}`} className="font-medium text-brand-700 hover:underline">
                      {r.releaseLabel}
                    </Link>
                  )}
                  {note?.(r) ? <p className="text-xs text-slate-500">{note(r)}</p> : null}
                </td>
                <td className="px-4 py-3">{r.environment}</td>
                <td className="px-4 py-3"><TierBadge tier={r.riskTier} /></td>
                <td className="px-4 py-3">
                  <div className="flex flex-wrap gap-1.5">
                    <ApprovalStateBadge state={r.state} />
                    {r.needsException || r.hasException ? <ExceptionBadge recorded={r.hasException} expiresOn={r.exceptionExpiresOn} /> : null}
                  </div>
                </td>
                <td className="px-4 py-3"><GateBadge passed={r.gatePassed} /></td>
                <td className="px-4 py-3 whitespace-nowrap">{r.approvalsRequired ? `${r.approvals} of ${r.approvalsRequired}` : "—"}</td>
                <td className="px-4 py-3 whitespace-nowrap">{age(r.ageDays)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
