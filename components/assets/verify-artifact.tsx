"use client";

import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { formatBytes } from "@/lib/format-bytes";

type Result = { state: "match" | "mismatch"; actual: string; file: string } | { state: "working"; file: string } | { state: "error"; message: string };

function hex(buffer: ArrayBuffer) {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}


/**
 * Checks a local file against the recorded digest. The browser hashes the file with Web
 * Crypto; the file never leaves the machine.
 */
export function VerifyArtifact({ expected, assetName }: { expected: string | null; assetName: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [result, setResult] = useState<Result | null>(null);

  async function onFile(file: File | undefined) {
    if (!file || !expected) return;
    if (!globalThis.crypto?.subtle) {
      setResult({ state: "error", message: "This browser only hashes files on HTTPS or localhost pages." });
      return;
    }
    setResult({ state: "working", file: `${file.name} (${formatBytes(file.size)})` });
    try {
      const actual = hex(await crypto.subtle.digest("SHA-256", await file.arrayBuffer()));
      setResult({ state: actual === expected ? "match" : "mismatch", actual, file: file.name });
    } catch {
      setResult({ state: "error", message: "The file could not be read. It may be too large for the browser to hash in memory." });
    } finally {
      if (input.current) input.current.value = "";
    }
  }

  return (
    <div className="inline-flex flex-col items-end gap-1">
      <input
        ref={input}
        type="file"
        className="sr-only"
        tabIndex={-1}
        aria-label={`File to verify against ${assetName}`}
        data-testid="verify-file-input"
        onChange={(e) => void onFile(e.target.files?.[0])}
      />
      <Button
        size="sm"
        variant="secondary"
        disabled={!expected || result?.state === "working"}
        title={expected ? "Check a local file against the recorded SHA-256 (the file is not uploaded)" : "Record a digest first"}
        onClick={() => input.current?.click()}
      >
        Verify artifact
      </Button>
      <div aria-live="polite" className="max-w-xs text-right text-xs">
        {result?.state === "working" ? <p className="text-slate-500">Hashing {result.file}…</p> : null}
        {result?.state === "match" ? (
          <p className="font-medium text-emerald-700" data-testid="verify-result">✓ Match: {result.file} has the recorded digest.</p>
        ) : null}
        {result?.state === "mismatch" ? (
          <div className="text-red-700" data-testid="verify-result">
            <p className="font-medium">✗ Mismatch: {result.file} is not the recorded artifact.</p>
            <p className="mt-0.5 break-all font-mono text-[10px] text-red-600">file {result.actual}</p>
          </div>
        ) : null}
        {result?.state === "error" ? <p className="text-red-700">{result.message}</p> : null}
      </div>
    </div>
  );
}
