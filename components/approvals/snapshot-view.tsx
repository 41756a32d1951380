import { label } from "@/components/labels";
import type { ApprovalSnapshot } from "@/lib/approvals/snapshot-types";
import type { SnapshotDiff } from "@/lib/approvals/staleness";

const PILLARS = ["DES", "DEV", "DEP", "OPS", "DEC"] as const;

/** The pinned picture: profile, assets with digests, checklist per pillar, threat model. */
export function SnapshotView({ snapshot }: { snapshot: ApprovalSnapshot }) {
  const items = snapshot.checklist?.items ?? [];
  return (
    <div className="space-y-6 text-sm">
      <section aria-labelledby="snap-profile">
        <h3 id="snap-profile" className="font-semibold text-slate-900">System profile</h3>
        <dl className="mt-2 grid grid-cols-2 gap-x-4 gap-y-1 sm:grid-cols-3">
          {(
            [
              ["Risk tier", label(snapshot.system.riskTier)],
              ["Data sensitivity", label(snapshot.system.dataSensitivity)],
              ["Autonomy", label(snapshot.system.autonomy)],
              ["Exposure", label(snapshot.system.exposure)],
              ["Lifecycle", label(snapshot.system.lifecycle)],
              ["Taken", snapshot.takenAt.slice(0, 16).replace("T", " ") + " UTC"],
            ] as const
          ).map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs text-slate-500">{k}</dt>
              <dd className="text-slate-800">{v}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="snap-assets">
        <h3 id="snap-assets" className="font-semibold text-slate-900">Assets and digests ({snapshot.assets.length})</h3>
        {snapshot.assets.length === 0 ? (
          <p className="mt-2 text-slate-500">No assets.</p>
        ) : (
          <div className="relative mt-2 overflow-x-auto rounded-md border border-slate-200 focus-visible:outline-2 focus-visible:outline-brand-500" role="region" aria-labelledby="snap-assets" tabIndex={0}>
            <table className="min-w-[30rem] w-full text-left text-xs">
              <thead className="bg-slate-50 text-slate-500">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">Asset</th>
                  <th scope="col" className="px-3 py-2 font-medium">Kind</th>
                  <th scope="col" className="px-3 py-2 font-medium">SHA-256</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {snapshot.assets.map((a) => (
                  <tr key={a.id}>
                    <td className="px-3 py-2 text-slate-800">
                      {a.name}
                      {a.version ? <span className="text-slate-500"> {a.version}</span> : null}
                    </td>
                    <td className="px-3 py-2 whitespace-nowrap text-slate-600">{label(a.kind)}</td>
                    <td className="whitespace-nowrap px-3 py-2 font-mono text-slate-700">
                      {a.sha256 ? <span title={a.sha256}>{a.sha256.slice(0, 16)}…</span> : (a.kind === "MODEL" || a.kind === "DATASET") ? <span className="text-red-700">missing</span> : <span className="text-slate-400">—</span>}
                      {a.otherDigests.length ? <span className="ml-2 text-slate-500">+{a.otherDigests.length} other</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="snap-checklist">
        <h3 id="snap-checklist" className="font-semibold text-slate-900">Checklist{snapshot.checklist ? ` (library ${snapshot.checklist.libraryVersion})` : ""}</h3>
        {!snapshot.checklist ? (
          <p className="mt-2 text-slate-500">No checklist.</p>
        ) : (
          <ul className="mt-2 grid gap-2 sm:grid-cols-2 lg:grid-cols-5">
            {PILLARS.map((p) => {
              const applicable = items.filter((i) => i.pillar === p && i.applicable);
              const met = applicable.filter((i) => i.status === "MET").length;
              const na = applicable.filter((i) => i.status === "NOT_APPLICABLE").length;
              return (
                <li key={p} className="rounded-md border border-slate-200 px-3 py-2">
                  <p className="text-xs font-semibold text-slate-500">{p}</p>
                  <p className="text-slate-800">
                    {met + na} / {applicable.length} done
                  </p>
                  <p className="text-xs text-slate-500">
                    {met} met · {na} not applicable
                  </p>
                </li>
              );
            })}
          </ul>
        )}
      </section>

      <section aria-labelledby="snap-threats">
        <h3 id="snap-threats" className="font-semibold text-slate-900">Threat model</h3>
        {snapshot.threatModel ? (
          <p className="mt-2 text-slate-700">
            Version {snapshot.threatModel.version} ({label(snapshot.threatModel.status)}), {snapshot.threatModel.threats.length} threats, residual threshold {snapshot.threatModel.residualThreshold}.
          </p>
        ) : (
          <p className="mt-2 text-red-700">No reviewed threat model.</p>
        )}
      </section>
    </div>
  );
}

const KIND_STYLE = { added: "text-emerald-700", removed: "text-red-700", changed: "text-amber-800" } as const;

/** What changed since the previous approval for the same environment. */
export function DiffView({ diff, previousRelease }: { diff: SnapshotDiff; previousRelease: string }) {
  if (diff.empty) return <p className="text-sm text-slate-600">Nothing changed since release {previousRelease} was approved.</p>;
  const sections = [
    ["System profile", diff.system],
    ["Assets", diff.assets],
    ["Checklist", diff.checklist],
    ["Threat model", diff.threatModel],
  ] as const;
  return (
    <div className="space-y-4 text-sm">
      <p className="text-slate-600">Compared with release {previousRelease}, the last one approved for this environment.</p>
      {sections.map(([title, entries]) =>
        entries.length ? (
          <section key={title}>
            <h3 className="font-semibold text-slate-900">{title}</h3>
            <ul className="mt-1 space-y-1">
              {entries.map((e, i) => (
                <li key={`${e.subject}-${i}`} className="break-words">
                  <span className={`font-medium ${KIND_STYLE[e.kind]}`}>{e.kind}</span> <span className="text-slate-800">{e.subject}</span>
                  {e.detail ? <span className="text-slate-500"> — {e.detail}</span> : null}
                </li>
              ))}
            </ul>
          </section>
        ) : null,
      )}
    </div>
  );
}
