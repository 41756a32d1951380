import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { migrateDeploy } from "@/lib/db/migrate";
import { createPrismaClient } from "@/lib/db/create-client";
import { ensureShippedLibraries } from "@/lib/controls/store";
import { ensureShippedThreatLibraries } from "@/lib/threats/store";
import { JOBS } from "@/lib/jobs/registry";
import { startJobRunner } from "@/lib/jobs/runner";
import { acquireServer, adminQuery, databaseUrl } from "./pg-server";

declare module "vitest" {
  export interface ProvidedContext {
    adminUrl: string;
    templateDb: string;
  }
}

/** One migrated template database per run; each test file clones it (fast, isolated). */
export default async function setup(project: TestProject) {
  const server = await acquireServer();
  const templateDb = `aigov_tpl_${randomBytes(4).toString("hex")}`;
  await adminQuery(server.adminUrl, `CREATE DATABASE "${templateDb}"`);
  const templateUrl = databaseUrl(server.adminUrl, templateDb);
  migrateDeploy(templateUrl, { quiet: true });
  // Every test database starts with the shipped control library, as a real instance does.
  const db = createPrismaClient(templateUrl, 1);
  await ensureShippedLibraries(db);
  await ensureShippedThreatLibraries(db);
  // The job queue's schema and the registered queues, so services that enqueue jobs work in
  // every test database (tests that run jobs start their own runner).
  const jobs = await startJobRunner({ connectionString: templateUrl, db, jobs: JOBS, workers: false, log: { info: () => {}, error: console.error } });
  await jobs.stop();
  await db.$disconnect();
  project.provide("adminUrl", server.adminUrl);
  project.provide("templateDb", templateDb);
  return async () => {
    await adminQuery(server.adminUrl, `DROP DATABASE IF EXISTS "${templateDb}" WITH (FORCE)`);
    await server.stop();
  };
}
