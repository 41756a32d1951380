"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";
import { deleteWebhookAction, rotateWebhookSecretAction, sendWebhookTestAction, setAllowPrivateTargetsAction } from "@/lib/webhooks/actions";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { SecretOnce } from "./webhook-forms";

/** Queues a test delivery; the log below shows it (and refreshes itself while it is pending). */
export function SendTestButton({ webhookId }: { webhookId: string }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        disabled={pending}
        onClick={() =>
          start(async () => {
            const result = await sendWebhookTestAction(webhookId);
            setMessage(result.ok ? { ok: true, text: "Test queued: its attempts appear in the delivery log below." } : { ok: false, text: result.error });
            router.refresh();
          })
        }
      >
        {pending ? "Queuing…" : "Send test"}
      </Button>
      <span aria-live="polite" className={message?.ok ? "text-sm text-emerald-700" : "text-sm text-red-700"}>{message?.text}</span>
    </div>
  );
}

/** Rotates the signing secret behind a confirmation, then shows the new one once. */
export function RotateSecretButton({ webhookId, name, rowVersion }: { webhookId: string; name: string; rowVersion: number }) {
  const router = useRouter();
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      {secret ? <SecretOnce title={`New signing secret for “${name}”: copy it now`} secret={secret} /> : null}
      <ConfirmDialog
        trigger={<Button variant="secondary">Rotate secret</Button>}
        title={`Rotate the secret of “${name}”?`}
        description={<p>From now on every delivery, retries included, is signed with a new secret. The receiver rejects them until it has the new secret, so have it accept both for a while.</p>}
        confirmLabel="Rotate secret"
        tone="primary"
        onConfirm={async () => {
          const result = await rotateWebhookSecretAction(webhookId, rowVersion);
          if (!result.ok) throw new Error(result.error);
          setSecret(result.data.secret);
          router.refresh();
        }}
      />
    </div>
  );
}

/** Deletes the webhook and its log, behind a confirmation; back to the list afterwards. */
export function DeleteWebhookButton({ webhookId, name, rowVersion }: { webhookId: string; name: string; rowVersion: number }) {
  const router = useRouter();
  return (
    <ConfirmDialog
      trigger={<Button variant="danger">Delete webhook</Button>}
      title={`Delete “${name}”?`}
      description={<p>It stops receiving events at once; deliveries still queued are dropped, and its delivery log is deleted. The deletion is recorded in the audit log. This cannot be undone.</p>}
      confirmLabel="Delete webhook"
      onConfirm={async () => {
        const result = await deleteWebhookAction(webhookId, rowVersion);
        if (!result.ok) throw new Error(result.error);
        router.push("/admin/webhooks");
        router.refresh();
      }}
    />
  );
}

/** The admin toggle "allow private targets" (audited), behind a confirmation when turning it on. */
export function AllowPrivateToggle({ allowed, byEnvironment }: { allowed: boolean; byEnvironment: boolean }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const set = async (value: boolean) => {
    const result = await setAllowPrivateTargetsAction(value ? "allow" : "refuse");
    if (!result.ok) throw new Error(result.error);
    router.refresh();
  };
  return (
    <div className="space-y-2">
      {byEnvironment ? (
        <Alert tone="warning">WEBHOOKS_ALLOW_PRIVATE=true is set on this server: private targets are allowed whatever this setting says.</Alert>
      ) : null}
      {allowed ? (
        <Button
          variant="secondary"
          onClick={async () => {
            setError(null);
            try {
              await set(false);
            } catch (e) {
              setError(e instanceof Error ? e.message : "Something went wrong.");
            }
          }}
        >
          Refuse private targets again
        </Button>
      ) : (
        <ConfirmDialog
          trigger={<Button variant="secondary">Allow private targets</Button>}
          title="Allow webhooks to reach private addresses?"
          description={
            <p>
              Webhooks could then reach this machine, your internal network and cloud metadata services (169.254.169.254): anyone who can edit a webhook could make the server send requests inside your network. Allow it only for receivers on your own network. The change is recorded in the audit log.
            </p>
          }
          confirmLabel="Allow private targets"
          onConfirm={() => set(true)}
        />
      )}
      {error ? <p role="alert" className="text-sm text-red-700">{error}</p> : null}
    </div>
  );
}

/**
 * Refreshes the page every 2 seconds while deliveries are waiting (a test just sent, a retry
 * due), for at most 2 minutes, so the admin sees the outcome without reloading.
 */
export function RefreshWhileWaiting({ waiting }: { waiting: number }) {
  const router = useRouter();
  const [rounds, setRounds] = useState(0);
  useEffect(() => {
    if (waiting === 0 || rounds >= 60) return;
    const timer = setTimeout(() => {
      setRounds((r) => r + 1);
      router.refresh();
    }, 2_000);
    return () => clearTimeout(timer);
  }, [waiting, rounds, router]);
  return waiting > 0 ? (
    <p className="text-xs text-slate-500" aria-live="polite">
      {waiting} {waiting === 1 ? "delivery is" : "deliveries are"} waiting; this page refreshes on its own{rounds >= 60 ? " (paused: reload to check again)" : ""}.
    </p>
  ) : null;
}
