-- An uploaded file's chunks are written while it streams in; the Evidence row (immutable, and
-- carrying the SHA-256 and size known only at the end) is inserted last in the same
-- transaction. The foreign key is therefore checked at commit, not per chunk.
ALTER TABLE "EvidenceChunk" ALTER CONSTRAINT "EvidenceChunk_evidenceId_fkey" DEFERRABLE INITIALLY DEFERRED;
