import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

/** A system tab whose feature has not shipped yet: says plainly what will live here. */
export function PlannedSection({ title, description }: { title: string; description: string }) {
  return (
    <Card>
      <EmptyState
        title={`${title} is not available yet`}
        description={description}
        icon={
          <svg viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="1.6">
            <circle cx="12" cy="12" r="9" />
            <path d="M12 7v5l3 2" strokeLinecap="round" />
          </svg>
        }
      />
    </Card>
  );
}
