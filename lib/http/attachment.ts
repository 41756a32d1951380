/**
 * A download answer: `body` (text, bytes or a stream) as an attachment named `fileName`, never
 * sniffed or cached (`nosniff`, `no-store`). With `sha256` (hex of the exact body bytes) it adds
 * `Repr-Digest: sha-256=:<base64>:` (RFC 9530) so a client can check what it received.
 *
 * `fileName` must be one the server built (ASCII, no quotes): it is put between double quotes as
 * it is. Used by every export route (CSV lists, the audit log, AI-BOM, OSCAL, threat models).
 */
export function attachment(body: BodyInit, opts: { fileName: string; contentType: string; sha256?: string }): Response {
  const headers: Record<string, string> = {
    "Content-Type": opts.contentType,
    "Content-Disposition": `attachment; filename="${opts.fileName}"`,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
  };
  if (opts.sha256) headers["Repr-Digest"] = `sha-256=:${Buffer.from(opts.sha256, "hex").toString("base64")}:`;
  return new Response(body, { headers });
}

/** The content type of every CSV export (UTF-8; the files start with a byte-order mark for Excel). */
export const CSV_CONTENT_TYPE = "text/csv; charset=utf-8";
