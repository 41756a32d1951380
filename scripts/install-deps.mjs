// `npm ci`, tolerant of one known lock-file gap, used by .ci/run and the Dockerfile.
//
// Packages with per-platform optional binaries (Next's SWC, Tailwind's oxide, ...) list
// them all as optionalDependencies. The registry these machines use only serves some of
// them, so `npm install` writes a lock file without the others, and `npm ci` then refuses
// it ("Missing: @next/swc-darwin-arm64@ from lock file") although nothing this platform
// needs is missing. When EVERY complaint is such a declared optional dependency, we fall
// back to `npm install`, which keeps all locked versions. Any other mismatch still fails.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const extra = process.argv.slice(2);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";

const ci = spawnSync(npm, ["ci", ...extra], { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
if (ci.status === 0) {
  process.stderr.write(ci.stderr ?? "");
  process.exit(0);
}

const complaints = (ci.stderr ?? "")
  .split("\n")
  .map((line) => line.replace(/^npm (error|ERR!)\s*/, "").trim())
  .filter((line) => /^(Missing|Invalid): /.test(line));
if (complaints.length === 0) {
  process.stderr.write(ci.stderr ?? "");
  process.exit(ci.status ?? 1);
}

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
const optional = new Set();
for (const entry of Object.values(lock.packages ?? {})) {
  for (const name of Object.keys(entry.optionalDependencies ?? {})) optional.add(name);
}
const unexplained = complaints.filter((line) => {
  const missing = /^Missing: (.+)@[^@]* from lock file$/.exec(line);
  return !missing || !optional.has(missing[1]);
});
if (unexplained.length > 0) {
  process.stderr.write(ci.stderr ?? "");
  process.stderr.write(`\ninstall-deps: package-lock.json is out of sync with package.json:\n  ${unexplained.join("\n  ")}\n`);
  process.exit(ci.status ?? 1);
}

process.stderr.write(
  `\ninstall-deps: npm ci refused the lock file only because it lacks ${complaints.length} optional ` +
    `platform package(s) of other systems (${complaints[0]}, ...), which this registry does not serve; ` +
    "installing the locked versions with npm install instead.\n\n",
);
fs.rmSync("node_modules", { recursive: true, force: true });
const install = spawnSync(npm, ["install", "--no-audit", "--no-fund", ...extra], { stdio: "inherit" });
process.exit(install.status ?? 1);
