import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { createActor, createUser, actorOf, systemInput } from "@/test/factories";
import { ForbiddenError, NotFoundError, ValidationError } from "@/lib/errors";
import { createSystem } from "@/lib/systems/create-system";
import type { TControlLibrary } from "./library-schema";
import { flattenControls, loadLibrary } from "./load-library";
import { InvalidLibraryError, previewLibraryVersion, publishLibraryVersion } from "./publish-library";
import { getLibraryDocument, listControls, listLibraryVersions } from "./queries";

const t = useTestDatabase();
const v1 = loadLibrary("1.0.0");
const v1Controls = flattenControls(v1);

/** A mutable deep copy of the shipped library. */
function copyOfV1(): TControlLibrary {
  return structuredClone(v1) as TControlLibrary;
}

function principle(doc: TControlLibrary, id: string) {
  return doc.pillars.flatMap((p) => p.principles).find((p) => p.id === id)!;
}

/** 1.1.0: DES-1.3 retired, DEV-1.1's guidance edited, DEP-1.7 added under DEP-1. */
function v110(): TControlLibrary {
  const doc = copyOfV1();
  doc.version = "1.1.0";
  const des1 = principle(doc, "DES-1");
  des1.controls = des1.controls.filter((c) => c.id !== "DES-1.3");
  principle(doc, "DEV-1").controls[0]!.guidance += " Review the supplier list every quarter.";
  principle(doc, "DEP-1").controls.push({
    id: "DEP-1.7",
    title: "Isolate model serving from the corporate network",
    guidance: "Run inference endpoints in their own network segment with deny-by-default egress.",
    evidence: "Network diagram and firewall rules showing the segment and its egress policy.",
    evidenceRequired: true,
    reviewerOnly: false,
    applicability: { always: true },
    mappings: { owaspLlm: ["LLM01:2025"], owaspAgentic: [], atlas: [], nistAiRmf: [], nist800218a: [], iso42001: [] },
    mappingSource: { owaspLlm: "inferred" },
  });
  return doc;
}

async function counts() {
  return { versions: await t.db.controlLibraryVersion.count(), controls: await t.db.control.count(), audit: await t.db.auditEvent.count() };
}

async function validationError(promise: Promise<unknown>): Promise<ValidationError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return error as ValidationError;
}

function codes(listing: Awaited<ReturnType<typeof listControls>>) {
  return listing.groups.flatMap((g) => g.principles.flatMap((p) => p.controls.map((c) => c.code)));
}

describe("[LIBRARY] publishing a new control library version", () => {
  it("reviewers, product owners and auditors can neither preview nor publish, and nothing is written", async () => {
    const before = await counts();
    const json = JSON.stringify(v110());
    for (const role of ["SECURITY_REVIEWER", "PRODUCT_OWNER", "AUDITOR"] as const) {
      const actor = await createActor(t.db, role);
      await expect(previewLibraryVersion({ actor, db: t.db }, json)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(publishLibraryVersion({ actor, db: t.db }, json)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await counts()).toEqual(before);
  });

  it("invalid JSON is reported as such", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const error = await validationError(previewLibraryVersion({ actor: admin, db: t.db }, '{ "version": "1.1.0", '));
    expect(error.message).toMatch(/not valid JSON/);
    expect((await validationError(previewLibraryVersion({ actor: admin, db: t.db }, "   "))).message).toMatch(/empty/);
  });

  it("schema problems are listed with their paths and nothing is published", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const before = await counts();
    const doc = v110();
    const dep1 = doc.pillars[2]!.principles[0]!;
    dep1.controls[3]!.id = "DEP-1";
    dep1.controls[4]!.title = "x";
    const json = JSON.stringify(doc);
    const error = await validationError(previewLibraryVersion({ actor: admin, db: t.db }, json));
    expect(error).toBeInstanceOf(InvalidLibraryError);
    const issues = (error as InvalidLibraryError).issues;
    expect(issues.map((i) => i.path)).toEqual(expect.arrayContaining(["pillars.2.principles.0.controls.3.id", "pillars.2.principles.0.controls.4.title"]));
    expect(issues.find((i) => i.path === "pillars.2.principles.0.controls.3.id")!.message).toMatch(/DEP-2\.3/);
    await validationError(publishLibraryVersion({ actor: admin, db: t.db }, json));
    expect(await counts()).toEqual(before);
  });

  it("an existing or older version is refused", async () => {
    const admin = await createActor(t.db, "ADMIN");
    const same = await validationError(previewLibraryVersion({ actor: admin, db: t.db }, JSON.stringify(v1)));
    expect(same.fieldErrors.version).toEqual(["Version 1.0.0 already exists."]);
    const older = { ...copyOfV1(), version: "0.9.0" };
    const lower = await validationError(publishLibraryVersion({ actor: admin, db: t.db }, JSON.stringify(older)));
    expect(lower.message).toMatch(/not newer than the current version 1\.0\.0/);
  });

  it("previews the diff of 1.1.0, publishes it as current, keeps 1.0.0 and leaves existing checklists on it", async () => {
    const adminUser = await createUser(t.db, "ADMIN", { name: "Libby Librarian" });
    const admin = actorOf(adminUser);
    const owner = await createActor(t.db, "PRODUCT_OWNER");
    const system = await createSystem({ actor: owner, db: t.db }, systemInput());
    const checklistBefore = await t.db.checklist.findUniqueOrThrow({
      where: { systemId: system.id },
      select: { id: true, libraryVersion: { select: { version: true } }, _count: { select: { items: true } } },
    });
    expect(checklistBefore.libraryVersion.version).toBe("1.0.0");

    const json = JSON.stringify(v110(), null, 2);
    const preview = await previewLibraryVersion({ actor: admin, db: t.db }, json);
    expect(preview).toMatchObject({ version: "1.1.0", previousVersion: "1.0.0", controlCount: v1Controls.length });
    expect(preview.diff).toEqual({
      added: ["DEP-1.7"],
      retired: ["DES-1.3"],
      changed: [{ code: "DEV-1.1", fields: ["guidance"] }],
      unchanged: v1Controls.length - 2,
    });
    expect(preview.titles["DEP-1.7"]).toBe("Isolate model serving from the corporate network");
    expect(preview.titles["DES-1.3"]).toBe(v1Controls.find((c) => c.id === "DES-1.3")!.title);
    expect(await t.db.controlLibraryVersion.count()).toBe(1);

    const published = await publishLibraryVersion({ actor: admin, db: t.db }, json, { notes: "Network isolation control" });
    expect(published.diff).toEqual(preview.diff);

    const versions = await listLibraryVersions({ actor: owner, db: t.db });
    expect(versions.map((v) => [v.version, v.isCurrent])).toEqual([
      ["1.1.0", true],
      ["1.0.0", false],
    ]);
    expect(versions[0]).toMatchObject({ publishedBy: "Libby Librarian", notes: "Network isolation control", controlCount: v1Controls.length, checklistCount: 0 });
    expect(versions[1]).toMatchObject({ publishedBy: null, controlCount: v1Controls.length });
    expect(versions[1]!.checklistCount).toBeGreaterThanOrEqual(1);

    const checklistAfter = await t.db.checklist.findUniqueOrThrow({
      where: { systemId: system.id },
      select: { libraryVersion: { select: { version: true } }, _count: { select: { items: true } } },
    });
    expect(checklistAfter).toEqual({ libraryVersion: checklistBefore.libraryVersion, _count: checklistBefore._count });

    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: "library.published" } });
    expect(event).toMatchObject({ actorId: admin.id, entityType: "ControlLibraryVersion", entityId: published.id });
    expect(event.summary).toMatchObject({ version: "1.1.0", previousVersion: "1.0.0", added: 1, retired: 1, changed: 1, notes: "Network isolation control" });

    // New systems get the new version; the library page shows it by default.
    const later = await createSystem({ actor: owner, db: t.db }, systemInput());
    const laterChecklist = await t.db.checklist.findUniqueOrThrow({ where: { systemId: later.id }, select: { libraryVersion: { select: { version: true } } } });
    expect(laterChecklist.libraryVersion.version).toBe("1.1.0");
    const listing = await listControls({ actor: owner, db: t.db });
    expect(listing.library).toMatchObject({ version: "1.1.0", isCurrent: true });
    expect(codes(listing)).toContain("DEP-1.7");
    expect(codes(listing)).not.toContain("DES-1.3");

    // The same version cannot be published twice.
    await validationError(publishLibraryVersion({ actor: admin, db: t.db }, json));

    const download = await getLibraryDocument({ actor: owner, db: t.db }, "1.1.0");
    expect(download.version).toBe("1.1.0");
    expect(Object.keys(download.document as object)).toEqual(["version", "publishedAt", "atlasVersion", "pillars"]);
    await expect(getLibraryDocument({ actor: owner, db: t.db }, "9.9.9")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("[LIBRARY] browsing and filtering controls", () => {
  /** The spec's definition of the searchable text, computed from the shipped file. */
  const searchable = (c: (typeof v1Controls)[number]) =>
    [c.id, c.title, c.guidance, c.evidence, c.principleTitle, ...Object.values(c.mappings).flat()].join(" ").toLowerCase();

  it("every role may read the library; the version is shown with counts and facets", async () => {
    for (const role of ["ADMIN", "SECURITY_REVIEWER", "PRODUCT_OWNER", "AUDITOR"] as const) {
      const actor = await createActor(t.db, role);
      const listing = await listControls({ actor, db: t.db }, { version: "1.0.0" });
      expect(listing.library).toMatchObject({ version: "1.0.0" });
      expect(listing.total).toBe(v1Controls.length);
      expect(listing.matched).toBe(v1Controls.length);
      expect(codes(listing)).toEqual(v1Controls.map((c) => c.id));
    }
    const auditor = await createActor(t.db, "AUDITOR");
    const { facets, groups } = await listControls({ actor: auditor, db: t.db }, { version: "1.0.0" });
    expect(facets.pillars.map((p) => p.id)).toEqual(["DES", "DEV", "DEP", "OPS", "DEC"]);
    expect(facets.principles).toHaveLength(20);
    expect(facets.mappingIds).toEqual(expect.arrayContaining(["LLM01:2025", "AML.T0051", "AML.T0051.001", "GOVERN 2.2"]));
    const first = groups[0]!.principles[0]!.controls[0]!;
    expect(first).toMatchObject({ code: "DES-1.1", applicability: "All systems", evidenceRequired: true, reviewerOnly: false });
    expect(first.mappings.map((m) => [m.framework, m.source])).toEqual([
      ["nistAiRmf", "inferred"],
      ["nist800218a", "inferred"],
      ["iso42001", "inferred"],
    ]);
  });

  it("filters by an exact mapping ID, with ATLAS sub-techniques matching their technique", async () => {
    const actor = await createActor(t.db, "AUDITOR");
    const list = (mapping: string) => listControls({ actor, db: t.db }, { version: "1.0.0", mapping });

    const llm01 = await list("LLM01:2025");
    const expected = v1Controls.filter((c) => c.mappings.owaspLlm.includes("LLM01:2025")).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(1);
    expect(codes(llm01)).toEqual(expected);
    expect(llm01).toMatchObject({ total: v1Controls.length, matched: expected.length });
    const chip = llm01.groups[0]!.principles[0]!.controls[0]!.mappings.find((m) => m.framework === "owaspLlm")!;
    expect(chip.ids.find((i) => i.id === "LLM01:2025")!.name).toBe("Prompt Injection");

    const t0051 = await list("AML.T0051");
    const withTechnique = v1Controls.filter((c) => c.mappings.atlas.some((id) => id === "AML.T0051" || id.startsWith("AML.T0051.")));
    expect(withTechnique.some((c) => !c.mappings.atlas.includes("AML.T0051"))).toBe(true);
    expect(codes(t0051)).toEqual(withTechnique.map((c) => c.id));

    const direct = await list("AML.T0051.001");
    expect(codes(direct)).toEqual(v1Controls.filter((c) => c.mappings.atlas.includes("AML.T0051.001")).map((c) => c.id));
    // No prefix match without the dot boundary, and no substring match for other frameworks.
    expect((await list("AML.T005")).matched).toBe(0);
    expect((await list("LLM01")).matched).toBe(0);
  });

  it("filters by pillar, principle, reviewer decisions and every word of a search", async () => {
    const actor = await createActor(t.db, "PRODUCT_OWNER");
    const list = (filter: Parameters<typeof listControls>[1]) => listControls({ actor, db: t.db }, { version: "1.0.0", ...filter });

    const dev = await list({ pillar: "DEV" });
    expect(dev.groups.map((g) => g.id)).toEqual(["DEV"]);
    expect(codes(dev)).toEqual(v1Controls.filter((c) => c.pillarId === "DEV").map((c) => c.id));

    const dep3 = await list({ principle: "DEP-3" });
    expect(codes(dep3)).toEqual(v1Controls.filter((c) => c.principleId === "DEP-3").map((c) => c.id));

    const reviewer = await list({ reviewerOnly: "1" });
    expect(codes(reviewer)).toEqual(v1Controls.filter((c) => c.reviewerOnly).map((c) => c.id));
    expect(reviewer.matched).toBeGreaterThan(0);

    const twoWords = await list({ q: "  Prompt   INJECTION " });
    const expected = v1Controls.filter((c) => searchable(c).includes("prompt") && searchable(c).includes("injection")).map((c) => c.id);
    const promptOnly = v1Controls.filter((c) => searchable(c).includes("prompt"));
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(promptOnly.length);
    expect(codes(twoWords)).toEqual(expected);

    const combined = await list({ q: "prompt injection", pillar: "DEP" });
    expect(codes(combined)).toEqual(expected.filter((code) => code.startsWith("DEP-")));

    // LIKE wildcards in a search are literal characters.
    expect((await list({ q: "%" })).matched).toBe(0);
    expect((await list({ q: "_" })).matched).toBe(v1Controls.filter((c) => searchable(c).includes("_")).length);
    expect((await list({ q: "\\" })).matched).toBe(0);
    expect((await list({ q: "nothing-matches-this" })).groups).toEqual([]);
  });

  it("refuses malformed filters and unknown versions", async () => {
    const actor = await createActor(t.db, "AUDITOR");
    await expect(listControls({ actor, db: t.db }, { pillar: "XYZ" as "DES" })).rejects.toBeInstanceOf(ValidationError);
    await expect(listControls({ actor, db: t.db }, { version: "7.0.0" })).rejects.toBeInstanceOf(NotFoundError);
  });
});
