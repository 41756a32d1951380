import Link from "next/link";
import { formatTimestamp } from "@/lib/dates";
import { db } from "@/lib/db/client";
import { loadEventRefs, type EventRefs } from "@/lib/audit/event-refs";
import type { AuditRow } from "@/lib/audit/queries";
import { describeEvent, entityLabel, type SentencePart } from "./sentences";

/** One sentence: plain text, names as links, codes in a monospace chip. */
export function Sentence({ parts }: { parts: SentencePart[] }) {
  return (
    <>
      {parts.map((part, i) => {
        if (typeof part === "string") return <span key={i}>{part}</span>;
        const text = part.code ? <code className="rounded bg-slate-100 px-1 py-0.5 font-mono text-[0.8em] text-slate-800">{part.text}</code> : part.text;
        return part.href ? (
          <Link key={i} href={part.href} className="font-medium text-brand-700 underline decoration-brand-200 underline-offset-2 hover:text-brand-900 hover:decoration-brand-700">
            {text}
          </Link>
        ) : (
          <span key={i} className={part.code ? undefined : "font-medium text-slate-900"}>
            {text}
          </span>
        );
      })}
    </>
  );
}

function RawEvent({ event }: { event: AuditRow }) {
  return (
    <details className="group mt-1 text-xs">
      <summary className="inline-flex cursor-pointer list-none items-center gap-1 rounded text-slate-600 hover:text-slate-900">
        <span aria-hidden className="transition-transform group-open:rotate-90">›</span> Raw event
      </summary>
      <dl className="mt-2 grid gap-x-4 gap-y-1 rounded-md border border-slate-200 bg-slate-50 p-3 text-slate-700 sm:grid-cols-[8rem_1fr]">
        <dt className="font-medium">Action</dt>
        <dd><code className="font-mono text-slate-800">{event.action}</code></dd>
        <dt className="font-medium">Record</dt>
        <dd className="[overflow-wrap:anywhere]">
          {entityLabel(event.entityType)} <code className="font-mono text-slate-800">{event.entityId}</code>
        </dd>
        <dt className="font-medium">By</dt>
        <dd className="[overflow-wrap:anywhere]">{event.actorLabel}</dd>
        <dt className="font-medium">Event number</dt>
        <dd className="tabular-nums">{event.id}</dd>
        <dt className="font-medium">Hash (SHA-256)</dt>
        <dd className="font-mono text-slate-800 [overflow-wrap:anywhere]" data-testid="audit-hash">{event.hash}</dd>
        <dt className="font-medium">Details</dt>
        <dd>
          <pre className="max-h-64 overflow-auto whitespace-pre-wrap font-mono text-[11px] leading-5 text-slate-800 [overflow-wrap:anywhere]">{JSON.stringify(event.summary, null, 2)}</pre>
        </dd>
      </dl>
    </details>
  );
}

/**
 * A list of audit events, newest first, each told as a sentence with links (people, systems,
 * controls) and the raw stored event one click away. A server component: it loads the names
 * the sentences need (`refs`) unless the caller passes them. At every width it is one column,
 * so it never needs to scroll sideways.
 */
export async function AuditTable({ events, refs, linkPeople = false }: { events: AuditRow[]; refs?: EventRefs; linkPeople?: boolean; showEntity?: boolean }) {
  const names = refs ?? (await loadEventRefs(db, events));
  return (
    <ol className="divide-y divide-slate-100 bg-white">
      {events.map((event) => {
        const sentence = describeEvent(event, names, { linkPeople });
        return (
          <li key={event.id} className="px-4 py-3 sm:flex sm:gap-4 sm:px-5" data-testid="audit-row">
            <time dateTime={event.occurredAt} className="block shrink-0 text-xs tabular-nums text-slate-600 sm:w-44 sm:pt-0.5">
              {formatTimestamp(event.occurredAt)}
            </time>
            <div className="min-w-0 flex-1">
              <p className="text-sm leading-6 text-slate-800 [overflow-wrap:anywhere]" data-testid="audit-sentence">
                <Sentence parts={sentence.parts} />
              </p>
              <RawEvent event={event} />
            </div>
          </li>
        );
      })}
    </ol>
  );
}
