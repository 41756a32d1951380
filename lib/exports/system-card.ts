import "server-only";
import { assertCan } from "@/lib/authz/policy";
import { NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { loadSystemFacts } from "@/lib/systems/access";
import { GENERATOR } from "./generator";
import { reportClosing, reportOpening, reportSystemSection } from "./pack/report-html";
import { loadTimelines } from "./pack/timeline";
import { loadSystemsData } from "./system-data";

/**
 * The printable system card: one self-contained HTML page (inline CSS, no script) with the
 * system's card, pillar progress, checklist, threat model in force and recent events — the
 * same section an evidence pack's report.html has for it. Whoever may see the system may print it.
 * @throws ForbiddenError; NotFoundError.
 */
export async function systemCardHtml(ctx: ServiceContext, systemId: string, now = new Date()): Promise<{ html: string; slug: string }> {
  assertCan(ctx.actor, "system:read");
  await loadSystemFacts(ctx.db, ctx.actor, systemId);
  const [data] = await loadSystemsData(ctx.db, [systemId]);
  if (!data) throw new NotFoundError("System not found.");
  const timelines = await loadTimelines(ctx.db, [systemId], {});
  const who = ctx.actor.kind === "system" ? `job:${ctx.actor.job}` : ctx.actor.email;
  const html =
    reportOpening({
      packId: data.system.slug,
      createdAt: now.toISOString(),
      scope: { all: false, systemIds: [systemId], range: {} },
      generator: `${GENERATOR.name} ${GENERATOR.version}`,
      createdBy: who,
      title: `System card: ${data.system.name}`,
      subtitle: "Printed from the live inventory; for a verifiable record, export an evidence pack.",
    }) +
    reportSystemSection(data, { timelines }) +
    reportClosing();
  return { html, slug: data.system.slug };
}
