import { describe, expect, it } from "vitest";
import { zodFieldErrors } from "@/lib/validation";
import { SECRET_MESSAGE } from "./rules/secrets";
import { SHA256_MESSAGE, ZAssetInput, ZDeleteAssetInput, ZListAssetsQuery, ZUpdateAssetInput } from "./schema";

const DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

function errorsOf(input: Record<string, unknown>) {
  const result = ZAssetInput.safeParse(input);
  if (result.success) throw new Error(`expected a validation error, got ${JSON.stringify(result.data)}`);
  return zodFieldErrors(result.error);
}

describe("[ASSETS] asset form schema", () => {
  it("turns empty form strings into nulls and fills defaults", () => {
    const asset = ZAssetInput.parse({
      kind: "MODEL",
      name: "  claims-summariser ",
      version: "",
      supplier: "   ",
      sha256: "",
      sensitivity: "",
      permissions: "",
      dueDiligence: "",
      capabilities: "",
      credentialType: "",
      humanApprovalRequired: "",
      rotationDays: "",
      notes: "",
    });
    expect(asset).toEqual({
      kind: "MODEL",
      name: "claims-summariser",
      version: null,
      supplier: null,
      licence: null,
      sha256: null,
      otherDigests: [],
      signatureRef: null,
      sensitivity: null,
      permissions: [],
      dueDiligence: "NOT_STARTED",
      capabilities: [],
      credentialType: null,
      humanApprovalRequired: null,
      secretLocation: null,
      rotationDays: null,
      notes: null,
    });
  });

  it("normalises SHA-256 digests and explains a bad one", () => {
    expect(ZAssetInput.parse({ kind: "MODEL", name: "m", sha256: `sha256:${DIGEST.toUpperCase()}` }).sha256).toBe(DIGEST);
    expect(errorsOf({ kind: "MODEL", name: "m", sha256: "abc123" })).toEqual({ sha256: [SHA256_MESSAGE] });
  });

  it("accepts permissions and capabilities as lists or as separated text, loosely spelled", () => {
    const asset = ZAssetInput.parse({
      kind: "tool connector",
      name: "crm-mcp",
      permissions: "crm.read\ncrm.write, crm.read",
      capabilities: "read_internal_data; send-messages",
      credentialType: "short lived scoped",
      humanApprovalRequired: "yes",
    });
    expect(asset).toMatchObject({
      kind: "TOOL_CONNECTOR",
      permissions: ["crm.read", "crm.write"],
      capabilities: ["READ_INTERNAL_DATA", "SEND_MESSAGES"],
      credentialType: "SHORT_LIVED_SCOPED",
      humanApprovalRequired: true,
    });
    expect(ZAssetInput.parse({ kind: "AGENT_IDENTITY", name: "a", capabilities: ["EXECUTE_CODE"], humanApprovalRequired: false })).toMatchObject({
      capabilities: ["EXECUTE_CODE"],
      humanApprovalRequired: false,
    });
    expect(errorsOf({ kind: "TOOL_CONNECTOR", name: "t", capabilities: "READ_INTERNAL_DATA;TELEPORT" }).capabilities![0]).toMatch(/Unknown capability "TELEPORT"/);
  });

  it("refuses agent fields on kinds that do not act, and credential fields on non-credentials", () => {
    const errors = errorsOf({
      kind: "MODEL",
      name: "m",
      capabilities: ["BROWSE_WEB"],
      credentialType: "SERVICE_ACCOUNT",
      humanApprovalRequired: true,
      secretLocation: "vault://kv/x",
      rotationDays: 30,
    });
    expect(Object.keys(errors).sort()).toEqual(["capabilities", "credentialType", "humanApprovalRequired", "rotationDays", "secretLocation"]);
    expect(errors.capabilities![0]).toMatch(/tool connectors, agent identities and vendor APIs/);
    expect(errors.secretLocation![0]).toMatch(/only to credentials/);
  });

  it("records credentials as references with a rotation period", () => {
    const asset = ZAssetInput.parse({ kind: "CREDENTIAL", name: "crm token", secretLocation: "vault://kv/prod/crm", rotationDays: "90" });
    expect(asset).toMatchObject({ secretLocation: "vault://kv/prod/crm", rotationDays: 90 });
    expect(errorsOf({ kind: "CREDENTIAL", name: "c", rotationDays: "2.5" }).rotationDays![0]).toMatch(/whole number of days/);
    expect(errorsOf({ kind: "CREDENTIAL", name: "c", rotationDays: 0 }).rotationDays![0]).toMatch(/between 1 and 3650/);
  });

  it("refuses values that look like secrets, in every text field", () => {
    expect(errorsOf({ kind: "CREDENTIAL", name: "openai", secretLocation: "sk-proj-Abc123def456GHI789jkl012" })).toEqual({
      secretLocation: [SECRET_MESSAGE],
    });
    expect(errorsOf({ kind: "MODEL", name: "m", notes: "temporary key xDDrdBi18B_7qoYoRnf6WXLCqdP1Vo-_Z_pXNHzu" })).toEqual({ notes: [SECRET_MESSAGE] });
    expect(errorsOf({ kind: "VENDOR_API", name: "api", permissions: ["chat.write", "ghp_1234567890abcdefghijABCDEFGHIJ123456"] })).toEqual({
      permissions: [SECRET_MESSAGE],
    });
    expect(errorsOf({ kind: "MODEL", name: "AKIAIOSFODNN7EXAMPLE" })).toEqual({ name: [SECRET_MESSAGE] });
  });

  it("refuses text PostgreSQL cannot store, naming the field", () => {
    expect(errorsOf({ kind: "MODEL", name: "acme\u0000model" })).toEqual({ name: ["Name contains a NUL character (U+0000), which cannot be stored."] });
    expect(errorsOf({ kind: "MODEL", name: "m", notes: "half \ud800 pair" })).toEqual({ notes: ["Notes contains an unpaired UTF-16 surrogate (an invalid character)."] });
    expect(errorsOf({ kind: "TOOL_CONNECTOR", name: "t", permissions: ["repo:read", "nul\u0000"] })).toEqual({
      permissions: ["A permission contains a NUL character (U+0000), which cannot be stored."],
    });
  });

  it("keeps digests of other algorithms, from text or a list, and refuses bad ones per field", () => {
    const sha1 = "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3";
    expect(ZAssetInput.parse({ kind: "MODEL", name: "m", otherDigests: `SHA-1:${sha1.toUpperCase()}` }).otherDigests).toEqual([{ algorithm: "SHA_1", value: sha1 }]);
    expect(ZAssetInput.parse({ kind: "MODEL", name: "m", otherDigests: [{ algorithm: "SHA_1", value: sha1 }] }).otherDigests).toHaveLength(1);
    expect(errorsOf({ kind: "MODEL", name: "m", otherDigests: "SHA-1:abc" })).toEqual({ otherDigests: ["The SHA-1 digest must be 40 hexadecimal characters."] });
    expect(errorsOf({ kind: "MODEL", name: "m", otherDigests: 42 })).toEqual({ otherDigests: [expect.stringMatching(/^Other digests must be a list/)] });
  });

  it("reports missing kind and name with clear messages", () => {
    const errors = errorsOf({ kind: "", name: "  " });
    expect(errors.kind).toEqual(["Choose an asset kind."]);
    expect(errors.name).toEqual(["Name is required."]);
  });

  it("update and delete need the version the user started from", () => {
    expect(ZUpdateAssetInput.safeParse({ kind: "MODEL", name: "m" }).success).toBe(false);
    expect(ZUpdateAssetInput.parse({ kind: "MODEL", name: "m", expectedVersion: "3" }).expectedVersion).toBe(3);
    expect(ZDeleteAssetInput.safeParse({}).success).toBe(false);
    expect(ZDeleteAssetInput.parse({ expectedVersion: 2 })).toEqual({ expectedVersion: 2 });
  });

  it("list filter accepts a kind or nothing", () => {
    expect(ZListAssetsQuery.parse({ kind: "model" })).toEqual({ kind: "MODEL" });
    expect(ZListAssetsQuery.parse({ kind: "" }).kind).toBeNull();
    expect(ZListAssetsQuery.safeParse({ kind: "SPACESHIP" }).success).toBe(false);
  });
});
