-- AlterTable: production environments (gate denials there notify the system's team).
ALTER TABLE "DeploymentEnvironment" ADD COLUMN "production" BOOLEAN NOT NULL DEFAULT false;
UPDATE "DeploymentEnvironment" SET "production" = true WHERE "key" = 'production';
