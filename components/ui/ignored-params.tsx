import { Alert } from "@/components/ui/alert";
import { ignoredParamSentence, type IgnoredParam } from "@/lib/search-params";

/**
 * The notice a list page shows when its address carried filter or sort values it could not use
 * (`parseListParams`): one line per parameter, e.g. "Unknown status “BOGUS” — showing all
 * statuses." Renders nothing when nothing was ignored.
 */
export function IgnoredParamsNotice({ ignored, className }: { ignored: readonly IgnoredParam[]; className?: string }) {
  if (ignored.length === 0) return null;
  return (
    <Alert tone="warning" className={className}>
      <ul data-testid="ignored-params">
        {ignored.map((p) => (
          <li key={p.param}>{ignoredParamSentence(p)}</li>
        ))}
      </ul>
    </Alert>
  );
}
