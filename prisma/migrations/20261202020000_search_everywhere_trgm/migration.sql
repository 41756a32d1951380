-- The search across the app (/search, GET /api/search) matches asset names, evidence titles and
-- control titles by substring (ILIKE '%…%'), as the inventory search does for systems: trigram
-- GIN indexes keep it from scanning every row (pg_trgm came with 20261122031000_search_trgm).
CREATE INDEX "Asset_name_trgm_idx" ON "Asset" USING GIN ("name" gin_trgm_ops);
CREATE INDEX "Evidence_title_trgm_idx" ON "Evidence" USING GIN ("title" gin_trgm_ops);
CREATE INDEX "Control_title_trgm_idx" ON "Control" USING GIN ("title" gin_trgm_ops);
