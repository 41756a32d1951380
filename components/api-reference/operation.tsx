import { Badge, type Tone } from "@/components/ui/badge";

type Schema = Record<string, unknown>;
type Parameter = { name: string; in: string; required?: boolean; description?: string; schema?: Schema };
type Response = { description: string; content?: Record<string, { schema?: Schema }> };

/** One operation of the OpenAPI document, as the reference page renders it. */
export type Operation = {
  method: string;
  path: string;
  op: {
    tags?: string[];
    summary?: string;
    description?: string;
    security?: Record<string, string[]>[];
    parameters?: Parameter[];
    requestBody?: { description?: string; content?: Record<string, { schema?: Schema }> };
    responses?: Record<string, Response>;
  };
};

const METHOD_TONES: Record<string, Tone> = { get: "blue", post: "green", put: "amber", patch: "amber", delete: "red" };

/** A short type label for a JSON schema (string, integer, enum values, arrays). */
function typeOf(schema: Schema | undefined): string {
  if (!schema) return "";
  if (Array.isArray(schema.enum)) return (schema.enum as unknown[]).map(String).join(" | ");
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Schema[]).map(typeOf).join(" or ");
  if (schema.type === "array") return `${typeOf(schema.items as Schema)}[]`;
  if (Array.isArray(schema.type)) return (schema.type as string[]).join(" | ");
  const pattern = typeof schema.pattern === "string" ? ` (${schema.pattern})` : "";
  return `${String(schema.type ?? "any")}${pattern}`;
}

/** An operation card: method, path, summary, auth, parameters, body and responses. Fits 390 px (long text wraps, schemas scroll in their own box). */
export function OperationCard({ operation }: { operation: Operation }) {
  const { method, path, op } = operation;
  const scopes = (op.security ?? []).flatMap((s) => Object.entries(s).map(([name, list]) => (name === "bearer" ? `token: ${list.join(", ")}` : "session")));
  const body = op.requestBody?.content ? Object.entries(op.requestBody.content)[0] : undefined;
  return (
    <details className="group rounded-lg border border-slate-200 bg-white shadow-sm" id={`${method}-${path}`}>
      <summary className="flex cursor-pointer list-none flex-wrap items-center gap-2 px-4 py-3">
        <Badge tone={METHOD_TONES[method] ?? "slate"} className="w-16 justify-center uppercase">{method}</Badge>
        <code className="min-w-0 break-all text-sm font-medium text-slate-900">{path}</code>
        <span className="w-full text-sm text-slate-600 sm:w-auto sm:flex-1">{op.summary}</span>
      </summary>
      <div className="space-y-4 border-t border-slate-100 px-4 py-4 text-sm">
        {op.description ? <div className="space-y-2 text-slate-700">{op.description.split("\n\n").map((p) => <p key={p}>{p}</p>)}</div> : null}
        <p className="text-xs text-slate-500">Authentication: {scopes.length ? scopes.join(" or ") : "none"}</p>
        {op.parameters?.length ? (
          <div>
            <h4 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Parameters</h4>
            <ul className="divide-y divide-slate-100 rounded-md ring-1 ring-slate-200">
              {op.parameters.map((p) => (
                <li key={`${p.in}-${p.name}`} className="px-3 py-2">
                  <code className="font-semibold text-slate-900">{p.name}</code>
                  <span className="ml-2 text-xs text-slate-500">{p.in}{p.required ? ", required" : ""}</span>
                  <p className="break-all font-mono text-xs text-slate-600">{typeOf(p.schema)}</p>
                  {p.description ? <p className="text-xs text-slate-600">{p.description}</p> : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {body ? (
          <div>
            <h4 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Request body ({body[0]})</h4>
            {op.requestBody?.description ? <p className="mb-1 text-xs text-slate-600">{op.requestBody.description}</p> : null}
            <pre className="max-h-72 max-w-full overflow-auto rounded-md bg-slate-50 p-3 text-xs text-slate-800">{JSON.stringify(body[1].schema ?? {}, null, 2)}</pre>
          </div>
        ) : null}
        <div>
          <h4 className="mb-1.5 text-xs font-semibold uppercase tracking-wide text-slate-500">Responses</h4>
          <ul className="space-y-2">
            {Object.entries(op.responses ?? {}).map(([status, r]) => {
              const content = r.content ? Object.entries(r.content)[0] : undefined;
              return (
                <li key={status}>
                  <span className={`font-mono text-xs font-semibold ${status.startsWith("2") || status.startsWith("3") ? "text-emerald-700" : "text-red-700"}`}>{status}</span>
                  <span className="ml-2 text-slate-700">{r.description}</span>
                  {content && status.startsWith("2") ? (
                    <pre className="mt-1 max-h-72 max-w-full overflow-auto rounded-md bg-slate-50 p-3 text-xs text-slate-800">{JSON.stringify(content[1].schema ?? {}, null, 2)}</pre>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </div>
      </div>
    </details>
  );
}
