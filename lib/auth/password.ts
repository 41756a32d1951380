import { hash, verify } from "@node-rs/argon2";

// OWASP's Argon2id baseline (m=19 MiB, t=2, p=1). @node-rs/argon2 defaults to Argon2id.
const OPTIONS = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Spends the same time as a real check, so "no such account" is not observable by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummy ??= hashPassword("dummy-password-for-timing-only");
  await verifyPassword(await dummy, password);
  return false;
}
