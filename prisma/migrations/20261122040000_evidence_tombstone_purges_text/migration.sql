-- Deleting evidence purges its content: file chunks are removed, and now a note's text and a
-- link's address may be cleared in the same update that makes the row a tombstone. Every
-- other column stays immutable.
CREATE OR REPLACE FUNCTION evidence_immutable() RETURNS trigger AS $$
DECLARE
  becoming_tombstone boolean := OLD."deletedAt" IS NULL AND NEW."deletedAt" IS NOT NULL;
BEGIN
  IF OLD."deletedAt" IS NOT NULL THEN
    RAISE EXCEPTION 'Deleted evidence is a tombstone and cannot change'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW."systemId", NEW."kind", NEW."title", NEW."description", NEW."fileName",
      NEW."contentType", NEW."sizeBytes", NEW."sha256", NEW."effectiveDate", NEW."expiresAt", NEW."revisionOfId",
      NEW."uploadedById", NEW."createdAt")
     IS DISTINCT FROM
     (OLD."systemId", OLD."kind", OLD."title", OLD."description", OLD."fileName",
      OLD."contentType", OLD."sizeBytes", OLD."sha256", OLD."effectiveDate", OLD."expiresAt", OLD."revisionOfId",
      OLD."uploadedById", OLD."createdAt") THEN
    RAISE EXCEPTION 'Evidence is immutable: add a new revision instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF (NEW."noteBody" IS DISTINCT FROM OLD."noteBody" AND NOT (becoming_tombstone AND NEW."noteBody" IS NULL))
     OR (NEW."url" IS DISTINCT FROM OLD."url" AND NOT (becoming_tombstone AND NEW."url" IS NULL)) THEN
    RAISE EXCEPTION 'Evidence is immutable: add a new revision instead'
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
