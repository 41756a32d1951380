import "server-only";
import { loadEventRefs } from "@/lib/audit/event-refs";
import type { AuditRow } from "@/lib/audit/queries";
import type { TaskItem } from "@/lib/home/types";
import type { DbOrTx } from "@/lib/service-context";
import { actionLabel, describeEvent } from "./sentences";

/**
 * Task lines that report an audit event (`TaskItem.auditEvent`, the auditor's "Changes since")
 * told as sentences: the title becomes the event's sentence ("Pat Owner marked DES-1.1 … as In
 * progress on Chat assistant") and the detail the kind of event in words; the raw event is
 * dropped from what the page renders. Other lines are returned unchanged. One query for the
 * names of every event's people, systems and records (lib/audit/event-refs.ts), none when no
 * line reports an event.
 */
export async function tellAuditTasks(db: DbOrTx, items: readonly TaskItem[]): Promise<TaskItem[]> {
  const events = items.map((item) => item.auditEvent).filter((event): event is AuditRow => Boolean(event));
  if (events.length === 0) return [...items];
  const refs = await loadEventRefs(db, events);
  return items.map(({ auditEvent, ...item }) => (auditEvent ? { ...item, title: describeEvent(auditEvent, refs).text, detail: actionLabel(auditEvent.action) } : item));
}
