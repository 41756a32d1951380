/**
 * DSSE v1 (Dead Simple Signing Envelope, https://github.com/secure-systems-lab/dsse,
 * "protocol.md" and "envelope.md"). Pure: the signer is passed in.
 *
 * What is signed is never the JSON envelope but the pre-authentication encoding (PAE) of the
 * payload type and payload bytes:
 *
 *   PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body
 *
 * where SP is one space (0x20), LEN is the byte length as ASCII decimal without leading zeros,
 * and `type` is UTF-8. A verifier rebuilds these bytes from the envelope and checks the
 * signature over them (docs/attestations.md shows it with openssl).
 */

/** A DSSE v1 envelope as JSON: payload and signatures are standard base64 (with padding). */
export type DsseEnvelope = {
  payloadType: string;
  payload: string;
  signatures: { keyid: string; sig: string }[];
};

/** What `dsseEnvelope` needs from a key: its id and a signer over raw bytes. */
export type DsseSigner = { keyId: string; sign(bytes: Uint8Array): Buffer };

/** The media type of an in-toto statement inside a DSSE envelope (in-toto attestation spec). */
export const IN_TOTO_PAYLOAD_TYPE = "application/vnd.in-toto+json";

/**
 * The PAE bytes of `payloadType` and `payload` (see the module comment).
 * @param payloadType any string; its UTF-8 byte length is what LEN counts.
 */
export function pae(payloadType: string, payload: Uint8Array): Buffer {
  const type = Buffer.from(payloadType, "utf8");
  return Buffer.concat([Buffer.from(`DSSEv1 ${type.length} `, "ascii"), type, Buffer.from(` ${payload.length} `, "ascii"), payload]);
}

/**
 * Signs `payload` as a DSSE v1 envelope with one signature by `key` (Ed25519 for the instance
 * key: 64-byte signature over the PAE bytes).
 */
export function dsseEnvelope(payloadType: string, payload: Uint8Array, key: DsseSigner): DsseEnvelope {
  const sig = key.sign(pae(payloadType, payload));
  return { payloadType, payload: Buffer.from(payload).toString("base64"), signatures: [{ keyid: key.keyId, sig: sig.toString("base64") }] };
}

/**
 * Checks an envelope's signature by `keyId` with `verify` (e.g. node:crypto over a public key).
 * @returns the payload bytes when one signature by that key id verifies, otherwise null.
 */
export function openDsseEnvelope(envelope: DsseEnvelope, keyId: string, verify: (data: Buffer, signature: Buffer) => boolean): Buffer | null {
  const payload = Buffer.from(envelope.payload, "base64");
  const data = pae(envelope.payloadType, payload);
  const ok = envelope.signatures.some((s) => s.keyid === keyId && verify(data, Buffer.from(s.sig, "base64")));
  return ok ? payload : null;
}
