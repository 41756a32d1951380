import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { ZAssetInput } from "@/lib/assets/schema";
import { assertCan } from "@/lib/authz/policy";
import { PERMISSION_LABELS } from "@/lib/authz/permissions";
import { ZEvidenceMeta } from "@/lib/evidence/schema";
import { ZCreateSystemInput } from "@/lib/systems/schema";
import { ZCustomThreatInput, ZUpdateThreatInput } from "@/lib/threats/schema";
import { ZCreateTokenInput } from "@/lib/tokens/schema";
import { ZCreateUserInput } from "@/lib/users/schema";

// Issue 7: names made only of zero-width characters, or containing bidi controls (U+202E), were
// accepted and displayed reversed. Every place a name is entered refuses both, naming the field.
const VALID = {
  system: { name: "Support assistant", purpose: "Answers customer questions.", riskTier: "LOW", dataSensitivity: "INTERNAL", autonomy: "ASSISTIVE", exposure: "INTERNAL" },
  asset: { kind: "MODEL", name: "llama-3" },
  evidence: { title: "Pen-test report", effectiveDate: "2026-01-01" },
  customThreat: { title: "Prompt injection", description: "Injected instructions.", likelihood: 3, impact: 3 },
  updateThreat: { title: "Prompt injection", description: "Injected instructions.", likelihood: 3, impact: 3, expectedVersion: 1 },
  user: { email: "new@example.test", name: "New Person", role: "AUDITOR" },
  token: { name: "CI pipeline", scopes: ["systems:read"] },
};
const CASES: [string, z.ZodType, Record<string, unknown>, string][] = [
  ["systems", ZCreateSystemInput, VALID.system, "name"],
  ["assets", ZAssetInput, VALID.asset, "name"],
  ["evidence titles", ZEvidenceMeta, VALID.evidence, "title"],
  ["custom threats", ZCustomThreatInput, VALID.customThreat, "title"],
  ["threat edits", ZUpdateThreatInput, VALID.updateThreat, "title"],
  ["users", ZCreateUserInput, VALID.user, "name"],
  ["API tokens", ZCreateTokenInput, VALID.token, "name"],
];

function messagesFor(schema: z.ZodType, input: Record<string, unknown>, field: string): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.filter((i) => i.path[0] === field).map((i) => i.message);
}

describe("[BAD INPUT] names must be visible and read in the order they are stored", () => {
  for (const [where, schema, valid, field] of CASES) {
    it(`${where}: a valid ${field} passes; zero-width-only and bidi controls are refused with a clear message`, () => {
      expect(schema.safeParse(valid).success).toBe(true);
      for (const invisible of ["\u200b\u200b\u200b", "\u200b \u2060\ufeff", "\u200d\u200c"]) {
        expect(messagesFor(schema, { ...valid, [field]: invisible }, field).join(" ")).toMatch(/visible characters|required|at least/);
      }
      for (const bidi of ["invoice\u202egpj.exe", "a\u2066b\u2069", "\u200fname"]) {
        expect(messagesFor(schema, { ...valid, [field]: bidi }, field).join(" ")).toMatch(/text-direction control characters/);
      }
      for (const unstorable of ["a\u0000b", "x\ud800"]) expect(messagesFor(schema, { ...valid, [field]: unstorable }, field).length).toBeGreaterThan(0);
    });
  }
});

describe("[BAD INPUT] refusals name permissions in plain words", () => {
  it("every permission label is English (no 'asets', 'librarys', 'inventorys')", () => {
    for (const label of Object.values(PERMISSION_LABELS)) {
      expect(label).toMatch(/^[a-z]/);
      expect(label).not.toMatch(/asets|librarys|inventorys|ys\b/);
    }
  });

  it("a refused asset change says 'change a system's assets'", () => {
    const auditor = { kind: "user" as const, id: "u", email: "a@x.test", name: "A", role: "AUDITOR" as const };
    expect(() => assertCan(auditor, "asset:write")).toThrow("Your role may not change a system's assets.");
    expect(() => assertCan(auditor, "library:manage")).toThrow("Your role may not manage control library versions.");
    expect(() => assertCan(auditor, "inventory:import")).toThrow("Your role may not import assets.");
  });
});
