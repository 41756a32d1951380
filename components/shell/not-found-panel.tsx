import { ButtonLink } from "@/components/ui/button";
import { StatusPanel } from "./status-panel";

/** "Page not found" with ways back; rendered inside the app frame for signed-in people. */
export function NotFoundPanel({ signedIn = true }: { signedIn?: boolean }) {
  return (
    <StatusPanel
      code="404 · Not found"
      title="We could not find that page"
      actions={
        signedIn ? (
          <>
            <ButtonLink href="/">Back to overview</ButtonLink>
            <ButtonLink href="/systems" variant="secondary">
              AI systems
            </ButtonLink>
          </>
        ) : (
          <ButtonLink href="/login">Sign in</ButtonLink>
        )
      }
    >
      <p>The address may be mistyped, or the page was moved or removed (an archived or deleted record, for example). If you followed a link inside the app, tell your administrator.</p>
    </StatusPanel>
  );
}
