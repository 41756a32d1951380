import { describe, expect, it } from "vitest";
import {
  assetKey,
  detectSecret,
  escapeCsvCell,
  kindForCycloneDxType,
  looksRandom,
  normaliseSha256,
  splitList,
  toCsvRow,
  unescapeCsvCell,
} from "./rules";

/** Fixed random samples (generated once) keep the tests deterministic. */
const RANDOM_TOKEN = "xDDrdBi18B_7qoYoRnf6WXLCqdP1Vo-_Z_pXNHzu";
const RANDOM_HEX = "c958663729608bddd76ddaf918dd49d1";
const DIGEST = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

describe("[ASSETS] secret detector", () => {
  it.each([
    ["OpenAI-style key", "sk-proj-Abc123def456GHI789jkl012"],
    ["Anthropic-style key", "sk-ant-api03-abcdefghijklmnopqrstuvwx"],
    ["AWS access key id", "AKIAIOSFODNN7EXAMPLE"],
    ["GitHub classic token", "ghp_1234567890abcdefghijABCDEFGHIJ123456"],
    ["GitHub fine-grained token", "github_pat_11ABCDEFG0123456789_abcdefghijklmnop"],
    ["Slack bot token", "xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx"],
    ["PEM private key", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA"],
    ["JWT", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.sig"],
    ["Hugging Face token", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"],
    ["key inside a sentence", "the key is sk-live0123456789abcdefXYZ, keep it safe"],
  ])("flags a %s in any text field", (_label, value) => {
    expect(detectSecret(value)).not.toBeNull();
  });

  it("flags long random tokens only when the high-entropy check is on", () => {
    expect(detectSecret(`token ${RANDOM_TOKEN}`, { highEntropy: true })).toMatchObject({ reason: "long random-looking token" });
    expect(detectSecret(`token ${RANDOM_TOKEN}`)).toBeNull();
    expect(detectSecret(RANDOM_HEX, { highEntropy: true })).toMatchObject({ reason: "long hexadecimal token" });
    // Standard base64 contains "/": the token is judged whole, not per path segment.
    expect(detectSecret("aws secret key: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLE1KEY", { highEntropy: true })).not.toBeNull();
  });

  it("flags credentials embedded in URLs and tokens in query strings", () => {
    expect(detectSecret("https://svc:hunter2@db.example.test/prod", { highEntropy: true })).toMatchObject({ reason: "password in URL" });
    expect(detectSecret(`https://api.example.test/v1?access_token=${RANDOM_TOKEN}`, { highEntropy: true })).not.toBeNull();
  });

  it.each([
    "vault://kv/prod/claims-triage/openai-api-key",
    "secret/data/production/CustomerSupportAssistant/OpenAIProductionKey2024",
    "arn:aws:secretsmanager:eu-west-2:123456789012:secret:prod/claims/OpenAIKey-AbC123",
    "https://kv-prod.vault.azure.net/secrets/openai-key/c958663729608bddd76ddaf918dd49d1",
    "projects/123456789012/secrets/openai-api-key/versions/3",
    "k8s/ns/claims-prod/secret/llm-gateway-credentials-v2",
    "gpt-4o-mini-2024-07-18-finetune-claims-v3-eu",
    `sha256:${DIGEST}`,
    `ghcr.io/acme/model:sha256-${DIGEST}.sig`,
    "rekor entry 24296fb24b8ad77a" + DIGEST,
    "Rotated quarterly by the platform team; owner is sk-team (Skopje).",
    "scikit-learn, sk-learn wrapper",
    "CustomerSupportAssistantProductionDeploymentKey",
  ])("accepts references and ordinary text: %s", (value) => {
    expect(detectSecret(value, { highEntropy: true })).toBeNull();
  });

  it("tells random tokens from long identifiers", () => {
    expect(looksRandom("ThisIsAVeryLongCamelCaseIdentifierName2")).toBe(false);
    expect(looksRandom("2VE9VtJxFBgNET9nPdJI8cQWttIfXzFE")).toBe(true);
    expect(looksRandom("abcdefghijklmnopqrstuvwxyzabcdefgh")).toBe(false);
  });
});

describe("[ASSETS] digests, lists and keys", () => {
  it("normalises SHA-256 digests to lower-case bare hex", () => {
    expect(normaliseSha256(DIGEST.toUpperCase())).toBe(DIGEST);
    expect(normaliseSha256(`sha256:${DIGEST}`)).toBe(DIGEST);
    expect(normaliseSha256(`  SHA256:${DIGEST.toUpperCase()} `)).toBe(DIGEST);
    expect(normaliseSha256(DIGEST.slice(1))).toBeNull();
    expect(normaliseSha256(`${DIGEST.slice(1)}g`)).toBeNull();
    expect(normaliseSha256(`md5:${DIGEST}`)).toBeNull();
  });

  it("splits lists on newlines, commas and semicolons, dropping blanks and repeats", () => {
    expect(splitList("repo:read, repo:write\n\nissues:read;repo:read ;")).toEqual(["repo:read", "repo:write", "issues:read"]);
    expect(splitList("  ")).toEqual([]);
  });

  it("treats a missing version as one value in the asset identity", () => {
    expect(assetKey({ kind: "MODEL", name: "m", version: null })).toBe(assetKey({ kind: "MODEL", name: "m", version: undefined }));
    expect(assetKey({ kind: "MODEL", name: "m", version: "1" })).not.toBe(assetKey({ kind: "MODEL", name: "m", version: null }));
  });

  it("maps CycloneDX component types to asset kinds", () => {
    expect(kindForCycloneDxType("machine-learning-model")).toBe("MODEL");
    expect(kindForCycloneDxType("data")).toBe("DATASET");
    expect(kindForCycloneDxType("framework")).toBe("LIBRARY");
    expect(kindForCycloneDxType("operating-system")).toBe("ENVIRONMENT");
    expect(kindForCycloneDxType("container")).toBe("ENVIRONMENT");
    expect(kindForCycloneDxType("firmware")).toBe("LIBRARY");
  });
});

describe("[ASSETS] CSV cells", () => {
  it("prefixes formula-like cells with a single quote", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) {
      expect(escapeCsvCell(`${start}HYPERLINK("http://evil.test")`)).toBe(`'${start}HYPERLINK("http://evil.test")`);
    }
    expect(escapeCsvCell("plain text")).toBe("plain text");
    expect(escapeCsvCell("")).toBe("");
    expect(escapeCsvCell("a=b")).toBe("a=b");
  });

  it("unescapes what it escaped, and nothing else", () => {
    for (const value of ["=1+1", "-3", "@SUM(A1)", "'quoted", "plain", "'"]) {
      expect(unescapeCsvCell(escapeCsvCell(value))).toBe(value);
    }
  });

  it("quotes cells with commas, quotes, newlines or edge spaces and ends rows with CRLF", () => {
    expect(toCsvRow(["a", 'say "hi"', "x,y", "line\nbreak", " padded", null, undefined, 7, true])).toBe(
      'a,"say ""hi""","x,y","line\nbreak"," padded",,,7,true\r\n',
    );
    expect(toCsvRow(["=cmd|' /C calc'!A0"])).toBe("'=cmd|' /C calc'!A0\r\n");
  });
});
