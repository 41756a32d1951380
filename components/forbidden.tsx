import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown when a signed-in user opens a page their role does not allow. */
export function Forbidden({ message }: { message: string }) {
  return (
    <Card>
      <div data-testid="forbidden">
        <EmptyState
          title="You do not have access to this page"
          description={message}
          icon={
            <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.6">
              <rect x="5" y="10" width="14" height="10" rx="2" />
              <path d="M8 10V7a4 4 0 118 0v3" />
            </svg>
          }
          action={<ButtonLink variant="secondary" href="/">Back to overview</ButtonLink>}
        />
      </div>
    </Card>
  );
}
