import "server-only";
import { assertCan, canSeeSystem } from "@/lib/authz/policy";
import { ConflictError, NotFoundError } from "@/lib/errors";
import type { ServiceContext } from "@/lib/service-context";
import { dsseEnvelope, IN_TOTO_PAYLOAD_TYPE, type DsseEnvelope } from "@/lib/signing/dsse";
import { getSigningKey } from "@/lib/signing/keys";
import { findApprovalForAttestation } from "./source";
import { approvalStatement } from "./statement";

/** System lifecycles whose approvals are not attested (the deployment gate denies them). */
const UNATTESTED_LIFECYCLES: ReadonlySet<string> = new Set(["PAUSED", "RETIRING", "RETIRED"]);

/**
 * The signed attestation of one approval: its in-toto statement (./statement.ts), serialised
 * as compact JSON, in a DSSE envelope signed with the instance key. Only an approval in force
 * (APPROVED and not past its expiry) of a system that may deploy is attested; a stale, revoked
 * or expired one is refused, and so is any approval of a PAUSED, RETIRING or RETIRED system
 * (the gate denies those too), so a verifier never holds a fresh signature over a withdrawn
 * approval or a system that may not run.
 *
 * @param issuer the instance's public origin (stated in the predicate).
 * @throws ForbiddenError without gate:read; NotFoundError for an unknown approval or one on a
 *   system the caller may not see; ConflictError (409) when the approval is not in force or
 *   its system is paused, retiring or retired.
 */
export async function issueApprovalAttestation(ctx: ServiceContext, approvalId: string, issuer: string, now = new Date()): Promise<DsseEnvelope> {
  assertCan(ctx.actor, "gate:read");
  const approval = await findApprovalForAttestation(ctx.db, approvalId);
  if (!approval || !canSeeSystem(ctx.actor, { ownerId: approval.system.ownerId, contributorIds: approval.system.contributorIds })) throw new NotFoundError("No such approval.");
  if (approval.state !== "APPROVED") throw new ConflictError(`This approval is ${approval.state.toLowerCase()}; only an approval in force is attested.`, { state: approval.state });
  if (approval.expiresAt && approval.expiresAt <= now) throw new ConflictError("This approval has expired; only an approval in force is attested.", { state: "EXPIRED" });
  if (UNATTESTED_LIFECYCLES.has(approval.system.lifecycle)) {
    const state = approval.system.lifecycle === "PAUSED" ? "paused" : approval.system.lifecycle === "RETIRING" ? "being retired" : "retired";
    throw new ConflictError(`${approval.system.name} is ${state}; approvals of a system that may not deploy are not attested.`, { state: approval.state, lifecycle: approval.system.lifecycle });
  }
  if (approval.artifacts.length === 0) throw new ConflictError("This approval pins no artifact digest, so there is nothing to attest.");
  const statement = approvalStatement(approval, issuer, now);
  const key = await getSigningKey(ctx.db);
  return dsseEnvelope(IN_TOTO_PAYLOAD_TYPE, Buffer.from(JSON.stringify(statement), "utf8"), key);
}
