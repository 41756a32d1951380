/**
 * `npm test`: every check CI runs, in order, stopping at the first failure:
 *
 *   typecheck  tsc --noEmit                        } side by side: each uses one core; their
 *   lint       eslint --max-warnings=0 .           } output is printed when each ends
 *   unit       vitest run --project unit
 *   integration vitest run --project integration   (TEST_DATABASE_URL, or embedded PostgreSQL)
 *   build      next build
 *   e2e        playwright test                     (skipped when e2e/ has no spec files)
 *
 * Prints a table with durations and, as its very last line, "N passed, M failed" (test
 * counts from Vitest's and Playwright's JSON reports; a failed step that ran no tests, such
 * as a type error, counts as one failure). Exits non-zero on any failure.
 *
 *   npm test -- --skip-e2e
 *   npm test -- --only unit,integration
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const BIN = path.join(ROOT, "node_modules", ".bin");

type Counts = { passed: number; failed: number; skipped: number };
type StepKind = "check" | "vitest" | "playwright";
type Step = { name: string; kind: StepKind; bin: string; args: string[]; report?: string };
type Outcome = { step: Step; status: "passed" | "failed" | "skipped"; seconds: number; counts: Counts | null; note?: string };

const STEP_NAMES = ["typecheck", "lint", "unit", "integration", "build", "e2e"] as const;
const ALIASES: Record<string, (typeof STEP_NAMES)[number]> = { tsc: "typecheck", eslint: "lint", playwright: "e2e", next: "build" };

function parseArgs(argv: string[]) {
  let only: Set<string> | null = null;
  let skipE2e = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--skip-e2e") skipE2e = true;
    else if (arg === "--only" || arg.startsWith("--only=")) {
      const value = arg === "--only" ? argv[++i] : arg.slice("--only=".length);
      if (!value) usage("--only needs a comma-separated list of steps");
      only = new Set(
        value.split(",").map((s) => {
          const name = ALIASES[s.trim()] ?? s.trim();
          if (!(STEP_NAMES as readonly string[]).includes(name)) usage(`unknown step "${s}"`);
          return name;
        }),
      );
    } else if (arg === "--help" || arg === "-h") usage();
    else usage(`unknown option "${arg}"`);
  }
  return { only, skipE2e };
}

function usage(error?: string): never {
  if (error) process.stderr.write(`test-all: ${error}\n`);
  process.stderr.write(`usage: npm test [-- --skip-e2e] [-- --only ${STEP_NAMES.join(",")}]\n`);
  process.exit(2);
}

/** Playwright's default match, applied to e2e/: do we have any browser tests? */
function hasE2eSpecs(dir = path.join(ROOT, "e2e")): boolean {
  if (!fs.existsSync(dir)) return false;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "node_modules" && hasE2eSpecs(path.join(dir, entry.name))) return true;
    if (entry.isFile() && /\.(spec|test)\.[cm]?[jt]sx?$/.test(entry.name)) return true;
  }
  return false;
}

/**
 * Runs one step's program; resolves with its exit code. With `captured`, its output goes there
 * (both streams, in order) instead of to the terminal, for a step that runs beside another.
 */
function run(step: Step, env: NodeJS.ProcessEnv, captured?: Buffer[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(BIN, step.bin), step.args, { cwd: ROOT, env, stdio: captured ? ["ignore", "pipe", "pipe"] : "inherit" });
    if (captured) {
      child.stdout?.on("data", (chunk: Buffer) => captured.push(chunk));
      child.stderr?.on("data", (chunk: Buffer) => captured.push(chunk));
    }
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("error", (error) => {
      process.stderr.write(`test-all: could not run ${step.bin}: ${error.message}\n`);
      resolve(127);
    });
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults: { status: string; assertionResults: { status: string }[] }[];
};

function vitestCounts(file: string): Counts | null {
  if (!fs.existsSync(file)) return null;
  try {
    const report = JSON.parse(fs.readFileSync(file, "utf8")) as VitestReport;
    // A file that fails to load (syntax error, failing hook) has no failed test but failed.
    const brokenFiles = report.testResults.filter(
      (r) => r.status === "failed" && !r.assertionResults.some((a) => a.status === "failed"),
    ).length;
    return {
      passed: report.numPassedTests,
      failed: report.numFailedTests + brokenFiles,
      skipped: report.numPendingTests + report.numTodoTests,
    };
  } catch {
    return null;
  }
}

type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; errors?: unknown[] };

function playwrightCounts(file: string): Counts | null {
  if (!fs.existsSync(file)) return null;
  try {
    const { stats, errors } = JSON.parse(fs.readFileSync(file, "utf8")) as PlaywrightReport;
    // Errors outside tests (web server did not start, global setup threw) fail the run too.
    const outside = stats.unexpected === 0 && (errors?.length ?? 0) > 0 ? 1 : 0;
    return { passed: stats.expected + stats.flaky, failed: stats.unexpected + outside, skipped: stats.skipped };
  } catch {
    return null;
  }
}

function formatCounts(c: Counts | null): string {
  if (!c) return "";
  return `${c.passed} passed, ${c.failed} failed${c.skipped ? `, ${c.skipped} skipped` : ""}`;
}

/**
 * Runs one step and judges it: exit code, and for test runners the counts from their JSON
 * report. `beside`: another step runs at the same time, so this one's output is held back and
 * printed in one piece when it ends.
 */
async function runStep(step: Step, beside: boolean): Promise<Outcome> {
  const banner = `\n━━━ ${step.name}: ${step.bin} ${step.args.filter((a) => !a.startsWith("--outputFile")).join(" ")}\n\n`;
  if (beside) process.stdout.write(`\n━━━ ${step.name}: started (output when it ends)\n`);
  else process.stdout.write(banner);
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: process.env.NEXT_TELEMETRY_DISABLED ?? "1" };
  if (step.kind === "playwright") env.PLAYWRIGHT_JSON_OUTPUT_NAME = step.report;
  if (step.report) fs.rmSync(step.report, { force: true });

  const captured: Buffer[] | undefined = beside ? [] : undefined;
  const started = performance.now();
  const code = await run(step, env, captured);
  const seconds = (performance.now() - started) / 1000;
  if (captured) {
    process.stdout.write(banner);
    process.stdout.write(Buffer.concat(captured));
  }
  let counts: Counts | null = null;
  if (step.kind === "vitest") counts = vitestCounts(step.report!);
  if (step.kind === "playwright") counts = playwrightCounts(step.report!);

  let ok = code === 0;
  let note: string | undefined;
  if (ok && counts && counts.failed > 0) ok = false;
  if (ok && step.kind !== "check" && counts && counts.passed + counts.failed === 0) {
    ok = false;
    note = "ran no tests";
  }
  if (!ok && (!counts || counts.failed === 0)) {
    // The step failed without a failing test to show for it: count the step itself.
    counts = { passed: counts?.passed ?? 0, failed: 1, skipped: counts?.skipped ?? 0 };
    note ??= `exit code ${code}`;
  }
  return { step, status: ok ? "passed" : "failed", seconds, counts: step.kind === "check" && ok ? null : counts, note };
}

async function main() {
  const { only, skipE2e } = parseArgs(process.argv.slice(2));
  const reports = fs.mkdtempSync(path.join(os.tmpdir(), "aigov-test-reports-"));
  const vitest = (project: string): Step => ({
    name: project,
    kind: "vitest",
    bin: "vitest",
    args: [
      "run",
      "--project",
      project,
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${path.join(reports, `${project}.json`)}`,
    ],
    report: path.join(reports, `${project}.json`),
  });
  // Stages run in order; the steps of one stage run side by side. tsc and ESLint are each
  // single-threaded, so on a 2-core machine the two together take about as long as the slower.
  const stages: Step[][] = [
    [
      { name: "typecheck", kind: "check", bin: "tsc", args: ["--noEmit"] },
      { name: "lint", kind: "check", bin: "eslint", args: ["--max-warnings=0", "."] },
    ],
    [vitest("unit")],
    [vitest("integration")],
    [{ name: "build", kind: "check", bin: "next", args: ["build"] }],
    [{ name: "e2e", kind: "playwright", bin: "playwright", args: ["test", "--reporter=list,json"], report: path.join(reports, "e2e.json") }],
  ];

  const suiteStarted = performance.now();
  const outcomes: Outcome[] = [];
  let failed = false;
  for (const stage of stages) {
    const chosen = stage.filter((step) => !only || only.has(step.name));
    const skipNote = (step: Step) =>
      failed ? "after a failure" : step.name === "e2e" && skipE2e ? "--skip-e2e" : step.name === "e2e" && !hasE2eSpecs() ? "no spec files in e2e/" : null;
    const toRun = chosen.filter((step) => skipNote(step) === null);
    const side = toRun.length > 1;
    // In the stage's order (the table's), whatever finishes first.
    const results = await Promise.all(
      chosen.map((step) => {
        const note = skipNote(step);
        return note === null ? runStep(step, side) : Promise.resolve<Outcome>({ step, status: "skipped", seconds: 0, counts: null, note });
      }),
    );
    outcomes.push(...results);
    if (results.some((o) => o.status === "failed")) failed = true;
  }
  fs.rmSync(reports, { recursive: true, force: true });

  const total = outcomes.reduce(
    (t, o) => ({ passed: t.passed + (o.counts?.passed ?? 0), failed: t.failed + (o.counts?.failed ?? 0) }),
    { passed: 0, failed: 0 },
  );
  const rows = [
    ["step", "result", "duration", "tests"],
    ...outcomes.map((o) => [
      o.step.name,
      o.status === "failed" ? "FAILED" : o.status,
      o.status === "skipped" ? "" : `${o.seconds.toFixed(1)}s`,
      [formatCounts(o.counts), o.note && `(${o.note})`].filter(Boolean).join(" "),
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => r.map((cell, i) => (i === 2 ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!))).join("  ").trimEnd();
  process.stdout.write(`\n${line(rows[0]!)}\n${widths.map((w) => "-".repeat(w)).join("  ")}\n`);
  for (const r of rows.slice(1)) process.stdout.write(`${line(r)}\n`);
  // Wall time: steps of one stage overlap, so their durations do not add up.
  const totalSeconds = (performance.now() - suiteStarted) / 1000;
  process.stdout.write(`\n${failed ? "FAILED" : "OK"} in ${totalSeconds.toFixed(1)}s\n`);
  process.stdout.write(`${total.passed} passed, ${total.failed} failed\n`);
  process.exit(failed ? 1 : 0);
}

void main();
