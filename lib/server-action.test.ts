import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { UserActor } from "@/lib/authz/actor";
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from "@/lib/errors";
import { zId, zRowVersion } from "@/lib/validation/fields";

// The wrappers resolve the actor from the session and use the app's client: stand both in.
const state = vi.hoisted(() => ({ actor: null as UserActor | null }));
vi.mock("@/lib/auth/session", () => ({
  requireApiActor: async (opts: { allowTemporaryPassword?: boolean } = {}) => {
    const { ForbiddenError: F, UnauthenticatedError: U } = await import("@/lib/errors");
    if (!state.actor) throw new U();
    if (state.actor.mustChangePassword && !opts.allowTemporaryPassword) throw new F("Replace your temporary password first.");
    return state.actor;
  },
  requestMeta: async () => ({ requestId: "test" }),
}));
vi.mock("@/lib/db/client", () => ({ db: { marker: "db" } }));

const { actionDefinition, formAction, publicFormAction, serverAction } = await import("./server-action");
const { redirect } = await import("next/navigation");

const alice: UserActor = { kind: "user", id: "u1", email: "a@x.test", name: "Alice", role: "PRODUCT_OWNER" };
const form = (entries: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(entries)) for (const one of [v].flat()) f.append(k, one);
  return f;
};

describe("[ACTIONS] the server-action wrapper returns one result shape", () => {
  const archive = serverAction({ args: z.tuple([zId("The system id"), zRowVersion()]) }, async (ctx, id, version) => ({ id, version, by: ctx.actor.id }));

  it("passes parsed arguments and the actor's context, and returns { ok: true, data }", async () => {
    state.actor = alice;
    expect(await archive("sys1", 3)).toEqual({ ok: true, data: { id: "sys1", version: 3, by: "u1" } });
  });

  it("refuses arguments of the wrong type, missing or extra, naming the argument, without calling the handler", async () => {
    state.actor = alice;
    const call = archive as unknown as (...args: unknown[]) => Promise<unknown>;
    for (const args of [[42, 1], [null, 1], [{ id: "x" }, 1], ["sys1", true], ["sys1", "2147483648"]]) {
      const result = (await call(...args)) as { ok: boolean; error: string };
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/argument (1|2)/);
    }
    expect(await call("sys1")).toMatchObject({ ok: false, error: expect.stringMatching(/expected 2 arguments, got 1/) });
    expect(await call("sys1", 1, "extra")).toMatchObject({ ok: false, error: expect.stringMatching(/expected 2 arguments, got 3/) });
  });

  it("a missing session, a refusal, a conflict and an unexpected error all come back as { ok: false }", async () => {
    state.actor = null;
    expect(await archive("sys1", 1)).toEqual({ ok: false, error: new UnauthenticatedError().message, values: undefined });
    state.actor = alice;
    const refuse = serverAction({ args: z.tuple([]) }, async () => {
      throw new ForbiddenError("No.");
    });
    expect(await refuse()).toEqual({ ok: false, error: "No.", values: undefined });
    const conflict = serverAction({ args: z.tuple([]) }, async () => {
      throw new ConflictError("Stale.", { rowVersion: 7 });
    });
    expect(await conflict()).toMatchObject({ ok: false, error: "Stale.", conflict: { rowVersion: 7 } });
    const broken = serverAction({ args: z.tuple([]) }, async () => {
      throw new TypeError("secret internals");
    });
    const errorLog = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await broken();
    errorLog.mockRestore();
    expect(result).toMatchObject({ ok: false });
    expect(JSON.stringify(result)).not.toContain("secret internals");
  });

  it("someone on a temporary password is refused unless the action allows it", async () => {
    state.actor = { ...alice, mustChangePassword: true };
    expect(await archive("sys1", 1)).toMatchObject({ ok: false, error: expect.stringMatching(/temporary password/) });
    const change = serverAction({ args: z.tuple([]), auth: "temporary-password" }, async () => "changed");
    expect(await change()).toEqual({ ok: true, data: "changed" });
  });

  it("Next's redirect passes through instead of becoming a refusal", async () => {
    state.actor = alice;
    const go = serverAction({ args: z.tuple([]) }, async () => redirect("/systems"));
    await expect(go()).rejects.toMatchObject({ digest: expect.stringContaining("NEXT_REDIRECT") });
  });
});

describe("[ACTIONS] the form wrapper", () => {
  const save = formAction({ args: z.tuple([zId()]), arrays: ["tags"] }, async (_ctx, [id], values) => {
    if (values.name === "") throw new ValidationError("Please correct the highlighted fields.", { name: ["Required."] });
    return { id, values };
  });

  it("hands the handler the bound arguments and the form as a plain object", async () => {
    state.actor = alice;
    expect(await save("x1", null, form({ name: "n", tags: ["a", "b"] }))).toEqual({ ok: true, data: { id: "x1", values: { name: "n", tags: ["a", "b"] } } });
    expect(await save("x1", null, form({ name: "n" }))).toMatchObject({ ok: true, data: { values: { tags: [] } } });
  });

  it("returns field errors with the values the user typed", async () => {
    state.actor = alice;
    expect(await save("x1", null, form({ name: "" }))).toEqual({
      ok: false,
      error: "Please correct the highlighted fields.",
      fieldErrors: { name: ["Required."] },
      values: { name: "", tags: [] },
    });
  });

  it("refuses a call without FormData or with a bad bound argument", async () => {
    state.actor = alice;
    const call = save as unknown as (...args: unknown[]) => Promise<unknown>;
    expect(await call("x1", null, { name: "n" })).toMatchObject({ ok: false, error: expect.stringMatching(/form is missing/) });
    expect(await call(7, null, form({ name: "n" }))).toMatchObject({ ok: false, error: expect.stringMatching(/argument 1/) });
  });
});

describe("[ACTIONS] secrets, public forms and the registry of definitions", () => {
  it("never sends fields marked secret back to the form after a refusal", async () => {
    state.actor = alice;
    const change = formAction({ args: z.tuple([]), secret: ["password"] }, async () => {
      throw new ValidationError("Not correct.", { password: ["Not correct."] });
    });
    const result = await change(null, form({ email: "a@x.test", password: "hunter2-hunter2" }));
    expect(result).toMatchObject({ ok: false, values: { email: "a@x.test" } });
    expect(JSON.stringify(result)).not.toContain("hunter2");
  });

  it("a public form action runs without a session and keeps the one result shape", async () => {
    state.actor = null;
    const signIn = publicFormAction({ args: z.tuple([]), secret: ["password"] }, async (_args, values) => {
      if (values.password !== "right") throw new ValidationError("The email or password is not correct.");
      return "in";
    });
    expect(await signIn(null, form({ email: "a@x.test", password: "right" }))).toEqual({ ok: true, data: "in" });
    expect(await signIn(null, form({ email: "a@x.test", password: "wrong" }))).toEqual({ ok: false, error: "The email or password is not correct.", fieldErrors: {}, values: { email: "a@x.test" } });
    const call = signIn as unknown as (...args: unknown[]) => Promise<unknown>;
    expect(await call("extra", null, form({}))).toMatchObject({ ok: false, error: expect.stringMatching(/expected 0 arguments, got 1/) });
    expect(await call(null, "not a form")).toMatchObject({ ok: false, error: expect.stringMatching(/form is missing/) });
  });

  it("every wrapper records its kind and argument schema; other functions have none", () => {
    const args = z.tuple([zId()]);
    expect(actionDefinition(serverAction({ args }, async () => 1))).toMatchObject({ kind: "serverAction", args, auth: "required" });
    expect(actionDefinition(formAction({ args, auth: "temporary-password" }, async () => 1))).toMatchObject({ kind: "formAction", auth: "temporary-password" });
    expect(actionDefinition(publicFormAction({ args }, async () => 1))).toMatchObject({ kind: "publicFormAction", auth: "none" });
    expect(actionDefinition(async () => 1)).toBeUndefined();
    expect(actionDefinition("not a function")).toBeUndefined();
  });
});
