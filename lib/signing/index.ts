/**
 * The instance signing key and the signed formats built on it. See ./keys.ts (storage,
 * rotation), ./key-material.ts (Ed25519, encryption at rest), ./dsse.ts and ./in-toto.ts.
 */
export { getSigningKey, listPublicKeys, listSigningKeysFor, rotateSigningKey, type InstanceSigningKey, type PublicKeyInfo } from "./keys";
export { dsseEnvelope, openDsseEnvelope, pae, IN_TOTO_PAYLOAD_TYPE, type DsseEnvelope } from "./dsse";
export { inTotoStatement, IN_TOTO_STATEMENT_TYPE, type InTotoStatement, type InTotoSubject } from "./in-toto";
export { fingerprintOf } from "./key-material";
