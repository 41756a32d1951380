-- Prisma 6.19's WebAssembly schema engine panics ("RuntimeError: unreachable") when it
-- introspects a database with CHECK constraints, which breaks `prisma migrate dev` for every
-- later migration. The same rules move into a trigger (triggers and functions are invisible to
-- the engine): likelihood and impact on 1-5; residual likelihood and impact set together, on 1-5.
ALTER TABLE "Threat" DROP CONSTRAINT "Threat_likelihood_range";
ALTER TABLE "Threat" DROP CONSTRAINT "Threat_impact_range";
ALTER TABLE "Threat" DROP CONSTRAINT "Threat_residual_range";

CREATE FUNCTION threat_scores_guard() RETURNS trigger AS $$
BEGIN
  IF NEW."likelihood" NOT BETWEEN 1 AND 5 OR NEW."impact" NOT BETWEEN 1 AND 5 THEN
    RAISE EXCEPTION 'Threat_likelihood_range: likelihood and impact must be between 1 and 5 (check)' USING ERRCODE = 'check_violation';
  END IF;
  IF (NEW."residualLikelihood" IS NULL) <> (NEW."residualImpact" IS NULL) THEN
    RAISE EXCEPTION 'Threat_residual_range: residual likelihood and impact are set together (check)' USING ERRCODE = 'check_violation';
  END IF;
  IF NEW."residualLikelihood" IS NOT NULL AND (NEW."residualLikelihood" NOT BETWEEN 1 AND 5 OR NEW."residualImpact" NOT BETWEEN 1 AND 5) THEN
    RAISE EXCEPTION 'Threat_residual_range: residual likelihood and impact must be between 1 and 5 (check)' USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Threat_scores" BEFORE INSERT OR UPDATE ON "Threat" FOR EACH ROW EXECUTE FUNCTION threat_scores_guard();
