import { describe, expect, it } from "vitest";
import { detectSecret, looksRandom } from "./secrets";

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
