import Link from "next/link";

type Control = { itemId: string; code: string; title: string; href: string };

/**
 * The checklist controls an evidence item supports, each as its code and title linking to the
 * checklist item (e.g. "Supports DES-1.2 Model the threats"). On a checklist item, `exceptItemId`
 * leaves that item out and the line reads "Also supports".
 */
export function SupportedControls({ controls, exceptItemId }: { controls: readonly Control[]; exceptItemId?: string }) {
  const shown = exceptItemId ? controls.filter((c) => c.itemId !== exceptItemId) : controls;
  if (shown.length === 0) {
    return exceptItemId ? null : <p className="mt-1 text-xs text-slate-500" data-testid="evidence-supports">Not attached to a checklist control yet.</p>;
  }
  return (
    <div className="mt-1 text-xs text-slate-600" data-testid="evidence-supports">
      <span>{exceptItemId ? "Also supports" : "Supports"}</span>{" "}
      <ul className="inline">
        {shown.map((c, i) => (
          <li key={c.itemId} className="inline">
            <Link href={c.href} className="font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 hover:text-brand-900">
              <span className="font-mono">{c.code}</span> {c.title}
            </Link>
            {i < shown.length - 1 ? ", " : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
