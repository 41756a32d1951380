import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";

type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;
/** A route: a path pattern with named groups (the params) and the App Router handler for GET. */
export type TestRoute = { pattern: RegExp; GET: Handler };

/**
 * Serves App Router GET handlers over real HTTP on 127.0.0.1 (a random port), so tests can run
 * command-line clients (curl) against them. `transform` may rewrite a response body (tampering
 * tests). @returns the base URL and a close function.
 */
export async function serveRoutes(routes: readonly TestRoute[], transform?: (path: string, body: Buffer) => Buffer): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? "/", `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
      const route = routes.map((r) => ({ r, m: r.pattern.exec(url.pathname) })).find((x) => x.m);
      if (!route || req.method !== "GET") {
        res.writeHead(404).end();
        return;
      }
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await route.r.GET(new Request(url, { headers }), { params: Promise.resolve({ ...route.m!.groups }) });
      let body: Buffer = Buffer.from(await response.arrayBuffer());
      if (transform) body = transform(url.pathname, body);
      res.writeHead(response.status, Object.fromEntries(response.headers.entries()));
      res.end(body);
    })().catch((error: unknown) => {
      res.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/**
 * Runs a command without blocking the event loop (the routes served above live in this
 * process, so spawnSync would deadlock against them). @returns exit status and output.
 */
export function runCommand(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", reject);
    child.on("close", (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
