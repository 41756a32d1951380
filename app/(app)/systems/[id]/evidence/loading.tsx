import { PageSkeleton } from "@/components/shell/page-skeleton";

// Per tab, not once for systems/[id]: a loading boundary streams its segment with status 200,
// so a notFound() below it (the asset edit page's unknown asset id) would answer 200, not 404.
// Only tabs without a dynamic segment below them get one (e2e/hostile-page-ids.spec.ts).
export default function Loading() {
  return <PageSkeleton />;
}
