import { randomBytes } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import type { Actor } from "@/lib/authz/actor";
import type { Db } from "@/lib/db/create-client";
import { createAsset } from "@/lib/assets/create-asset";
import { addEvidence } from "@/lib/evidence/create-evidence";
import { createSystem } from "@/lib/systems/create-system";
import { useTestDatabase } from "@/test/db";
import { createActor, systemInput } from "@/test/factories";

// The route resolves the caller from the session and uses the app's client: point both at the test.
const state = vi.hoisted(() => ({ actor: null as Actor | null, db: null as Db | null }));
vi.mock("@/lib/auth/session", async () => (await import("@/test/route-harness")).sessionAs(state));
vi.mock("@/lib/db/client", async () => (await import("@/test/route-harness")).clientOf(state));

const { searchEverything, SEARCH_GROUP_LIMIT } = await import("./search-everything");
const { GET: searchRoute } = await import("@/app/api/search/route");

const t = useTestDatabase();
const ctx = (actor: Actor) => ({ actor, db: t.db });
const noParams = { params: Promise.resolve({}) };

/** Two product owners, each with a system holding an asset and a note whose names share `word`, and an admin. */
async function setup() {
  const word = `zq${randomBytes(4).toString("hex")}`;
  const [alice, bob, admin] = await Promise.all([createActor(t.db, "PRODUCT_OWNER"), createActor(t.db, "PRODUCT_OWNER"), createActor(t.db, "ADMIN")]);
  const seed = async (owner: Actor, who: string) => {
    const system = await createSystem(ctx(owner), systemInput({ name: `${who} ${word} assistant` }));
    const asset = await createAsset(ctx(owner), system.id, { kind: "MODEL", name: `${who}-${word}-model`, version: "1" });
    const evidence = await addEvidence(ctx(owner), system.id, { kind: "NOTE", title: `${who} ${word} pen test`, effectiveDate: "2026-01-01", body: "Findings fixed." });
    return { system, asset, evidence };
  };
  return { word, alice, bob, admin, a: await seed(alice, "Alice"), b: await seed(bob, "Bob") };
}

const groupOf = (results: Awaited<ReturnType<typeof searchEverything>>, kind: string) => results.groups.find((g) => g.kind === kind)!;
const ids = (results: Awaited<ReturnType<typeof searchEverything>>, kind: string) => groupOf(results, kind).hits.map((h) => ("id" in h ? h.id : h.code));

describe("[SEARCH] one search across systems, assets, controls and evidence", () => {
  it("finds each kind, with links to the system, the asset on its system, the control in the library and the evidence item", async () => {
    const { word, admin, a } = await setup();
    const results = await searchEverything(ctx(admin), { q: word.toUpperCase() });
    expect(results.q).toBe(word.toUpperCase());
    expect(groupOf(results, "systems").hits).toContainEqual(expect.objectContaining({ id: a.system.id, href: `/systems/${a.system.id}` }));
    expect(groupOf(results, "assets").hits).toContainEqual(expect.objectContaining({ id: a.asset.id, href: `/systems/${a.system.id}/assets#asset-${a.asset.id}` }));
    expect(groupOf(results, "evidence").hits).toContainEqual(
      expect.objectContaining({ id: a.evidence.id, href: `/systems/${a.system.id}/evidence?evidence=${a.evidence.id}#evidence-${a.evidence.id}` }),
    );

    // Controls of the current (seeded) library, by code or title; an exact code comes first.
    const controls = await searchEverything(ctx(admin), { q: "des-1.1" });
    expect(groupOf(controls, "controls").hits[0]).toMatchObject({ code: "DES-1.1", href: "/library#DES-1.1" });
    const byTitle = groupOf(await searchEverything(ctx(admin), { q: "threat" }), "controls");
    expect(byTitle.total).toBeGreaterThan(0);
    expect(byTitle.hits.length).toBeLessThanOrEqual(SEARCH_GROUP_LIMIT);
    expect(byTitle.seeAllHref).toBe("/library?q=threat");
  });

  it("a product owner finds only their own systems, assets and evidence; an admin finds both owners'", async () => {
    const { word, alice, admin, a, b } = await setup();
    const mine = await searchEverything(ctx(alice), { q: word });
    expect(ids(mine, "systems")).toEqual([a.system.id]);
    expect(ids(mine, "assets")).toEqual([a.asset.id]);
    expect(ids(mine, "evidence")).toEqual([a.evidence.id]);
    for (const kind of ["systems", "assets", "evidence"]) expect(groupOf(mine, kind).total).toBe(1);

    const all = await searchEverything(ctx(admin), { q: word });
    expect(ids(all, "systems").sort()).toEqual([a.system.id, b.system.id].sort());
    expect(ids(all, "assets").sort()).toEqual([a.asset.id, b.asset.id].sort());
    expect(ids(all, "evidence").sort()).toEqual([a.evidence.id, b.evidence.id].sort());
  });

  it("LIKE wildcards are literal, an empty search returns no groups, and at most SEARCH_GROUP_LIMIT hits come with the full count", async () => {
    const { word, alice, a } = await setup();
    expect(ids(await searchEverything(ctx(alice), { q: "%" }), "systems")).toEqual([]);
    expect(await searchEverything(ctx(alice), { q: "   " })).toEqual({ q: null, groups: [] });
    expect(await searchEverything(ctx(alice), {})).toEqual({ q: null, groups: [] });
    await Promise.all(
      Array.from({ length: SEARCH_GROUP_LIMIT + 2 }, (_, i) => createAsset(ctx(alice), a.system.id, { kind: "DATASET", name: `${word} dataset ${i}`, version: "1" })),
    );
    const assets = groupOf(await searchEverything(ctx(alice), { q: word }), "assets");
    expect(assets.hits).toHaveLength(SEARCH_GROUP_LIMIT);
    expect(assets.total).toBe(SEARCH_GROUP_LIMIT + 3);
  });

  it("GET /api/search answers the same groups, and 400 (never 500) for hostile or overlong input", async () => {
    const { word, alice, a } = await setup();
    state.db = t.db;
    state.actor = alice;
    const ok = await searchRoute(new Request(`http://localhost/api/search?q=${word}`, { headers: { host: "localhost" } }), noParams);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { groups: { kind: string; hits: { id?: string }[] }[] };
    expect(body.groups.find((g) => g.kind === "systems")!.hits.map((h) => h.id)).toEqual([a.system.id]);

    // (A lone surrogate cannot travel in a URL: encoding turns it into U+FFFD; the service refuses it below.)
    for (const hostile of ["a\u0000b", "\u0000", "x".repeat(101), "x".repeat(5_000)]) {
      const answer = await searchRoute(new Request(`http://localhost/api/search?${new URLSearchParams({ q: hostile })}`, { headers: { host: "localhost" } }), noParams);
      expect(answer.status, hostile.slice(0, 10)).toBe(400);
      const error = ((await answer.json()) as { error: { message: string } }).error;
      expect(error.message).toMatch(/The search/);
    }
    for (const hostile of ["a\u0000b", "x\ud800y", { $gt: "" }, ["a", "b"]]) {
      await expect(searchEverything(ctx(alice), { q: hostile })).rejects.toMatchObject({ status: 422 });
    }
  });
});
