-- Substring search over the inventory uses trigram GIN indexes (pg_trgm is a trusted
-- extension: the database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "AiSystem_name_trgm_idx" ON "AiSystem" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "AiSystem_slug_trgm_idx" ON "AiSystem" USING GIN ("slug" gin_trgm_ops);
CREATE INDEX "AiSystem_purpose_trgm_idx" ON "AiSystem" USING GIN ("purpose" gin_trgm_ops);
