-- CreateTable
CREATE TABLE "SystemReadiness" (
    "systemId" TEXT NOT NULL,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "percent" INTEGER NOT NULL DEFAULT 0,
    "reviewerWaiting" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SystemReadiness_pkey" PRIMARY KEY ("systemId")
);

-- CreateTable
CREATE TABLE "SystemPillarReadiness" (
    "systemId" TEXT NOT NULL,
    "pillar" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL,
    "percent" INTEGER NOT NULL,
    "band" TEXT NOT NULL,

    CONSTRAINT "SystemPillarReadiness_pkey" PRIMARY KEY ("systemId","pillar")
);

-- CreateIndex
CREATE INDEX "SystemReadiness_percent_systemId_idx" ON "SystemReadiness"("percent", "systemId");

-- CreateIndex
CREATE INDEX "SystemPillarReadiness_pillar_band_idx" ON "SystemPillarReadiness"("pillar", "band");

-- CreateIndex
CREATE INDEX "ChecklistItem_ownerId_dueDate_idx" ON "ChecklistItem"("ownerId", "dueDate");

-- CreateIndex
CREATE INDEX "ChecklistItem_status_updatedAt_idx" ON "ChecklistItem"("status", "updatedAt");

-- CreateIndex
CREATE INDEX "Evidence_expiresAt_idx" ON "Evidence"("expiresAt");

-- CreateIndex
CREATE INDEX "RiskAcceptance_expiresOn_idx" ON "RiskAcceptance"("expiresOn");

-- CreateIndex
CREATE INDEX "ThreatModel_status_submittedAt_idx" ON "ThreatModel"("status", "submittedAt");

-- AddForeignKey
ALTER TABLE "SystemReadiness" ADD CONSTRAINT "SystemReadiness_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SystemPillarReadiness" ADD CONSTRAINT "SystemPillarReadiness_systemId_fkey" FOREIGN KEY ("systemId") REFERENCES "AiSystem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Readiness is kept by statement-level triggers on ChecklistItem, so a checklist of 80 items
-- created in one INSERT refreshes its system once, and a seed of a million items refreshes each
-- system once. The refresh first locks the system's SystemReadiness row (creating it if
-- needed), in system-id order; the counting statement that follows takes a new snapshot (READ
-- COMMITTED), so two transactions changing items of one system cannot both write a count that
-- misses the other's change.
CREATE FUNCTION aigov_refresh_readiness(checklist_ids text[]) RETURNS void AS $$
DECLARE
  sys text[];
BEGIN
  SELECT array_agg(DISTINCT c."systemId" ORDER BY c."systemId") INTO sys FROM "Checklist" c WHERE c.id = ANY(checklist_ids);
  IF sys IS NULL THEN
    RETURN;
  END IF;
  INSERT INTO "SystemReadiness" ("systemId") SELECT s FROM unnest(sys) AS s ORDER BY s ON CONFLICT DO NOTHING;
  PERFORM 1 FROM "SystemReadiness" WHERE "systemId" = ANY(sys) ORDER BY "systemId" FOR UPDATE;

  DELETE FROM "SystemPillarReadiness" WHERE "systemId" = ANY(sys);
  INSERT INTO "SystemPillarReadiness" ("systemId", pillar, total, done, percent, band)
  SELECT a."systemId", a.pillar, a.total, a.done,
         CASE WHEN a.total = 0 THEN 100 ELSE (100 * a.done) / a.total END,
         CASE WHEN a.done = a.total THEN 'COMPLETE'
              WHEN a.done = 0 THEN 'NOT_STARTED'
              WHEN 2 * a.done < a.total THEN 'UNDER_WAY'
              ELSE 'MOSTLY_DONE' END
  FROM (
    SELECT c."systemId", ctl.pillar,
           count(*) FILTER (WHERE i.applicable)::int AS total,
           count(*) FILTER (WHERE i.applicable AND i.status IN ('MET', 'NOT_APPLICABLE'))::int AS done
    FROM "Checklist" c
    JOIN "ChecklistItem" i ON i."checklistId" = c.id
    JOIN "Control" ctl ON ctl.id = i."controlId"
    WHERE c."systemId" = ANY(sys)
    GROUP BY c."systemId", ctl.pillar
  ) a;

  UPDATE "SystemReadiness" r
  SET total = coalesce(a.total, 0),
      done = coalesce(a.done, 0),
      percent = CASE WHEN coalesce(a.total, 0) = 0 THEN 0 ELSE (100 * a.done) / a.total END,
      "reviewerWaiting" = coalesce(a.waiting, 0)
  FROM (
    SELECT s AS "systemId", x.total, x.done, x.waiting
    FROM unnest(sys) AS s
    LEFT JOIN LATERAL (
      SELECT count(*) FILTER (WHERE i.applicable)::int AS total,
             count(*) FILTER (WHERE i.applicable AND i.status IN ('MET', 'NOT_APPLICABLE'))::int AS done,
             count(*) FILTER (WHERE i.applicable AND ctl."reviewerOnly" AND i.status = 'IN_PROGRESS')::int AS waiting
      FROM "Checklist" c
      JOIN "ChecklistItem" i ON i."checklistId" = c.id
      JOIN "Control" ctl ON ctl.id = i."controlId"
      WHERE c."systemId" = s
    ) x ON true
  ) a
  WHERE r."systemId" = a."systemId";
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION aigov_readiness_after_insert() RETURNS trigger AS $$
BEGIN
  PERFORM aigov_refresh_readiness(ARRAY(SELECT DISTINCT "checklistId" FROM new_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION aigov_readiness_after_update() RETURNS trigger AS $$
BEGIN
  PERFORM aigov_refresh_readiness(ARRAY(SELECT "checklistId" FROM new_rows UNION SELECT "checklistId" FROM old_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION aigov_readiness_after_delete() RETURNS trigger AS $$
BEGIN
  PERFORM aigov_refresh_readiness(ARRAY(SELECT DISTINCT "checklistId" FROM old_rows));
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "ChecklistItem_readiness_insert" AFTER INSERT ON "ChecklistItem"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aigov_readiness_after_insert();
CREATE TRIGGER "ChecklistItem_readiness_update" AFTER UPDATE ON "ChecklistItem"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION aigov_readiness_after_update();
CREATE TRIGGER "ChecklistItem_readiness_delete" AFTER DELETE ON "ChecklistItem"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION aigov_readiness_after_delete();

-- A checklist removed on its own (not with its system) takes its readiness with it.
CREATE FUNCTION aigov_readiness_checklist_deleted() RETURNS trigger AS $$
BEGIN
  DELETE FROM "SystemPillarReadiness" WHERE "systemId" = OLD."systemId";
  DELETE FROM "SystemReadiness" WHERE "systemId" = OLD."systemId";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER "Checklist_readiness_delete" AFTER DELETE ON "Checklist" FOR EACH ROW EXECUTE FUNCTION aigov_readiness_checklist_deleted();

-- Existing checklists.
SELECT aigov_refresh_readiness(ARRAY(SELECT id FROM "Checklist"));
