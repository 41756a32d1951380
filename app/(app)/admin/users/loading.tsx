import { PageSkeleton } from "@/components/shell/page-skeleton";

// One skeleton per admin page that has no id segment below it (not /admin as a whole): a loading
// boundary above /admin/webhooks/[id] would stream that page with status 200, so an unknown id
// could not answer 404 (e2e/hostile-page-ids.spec.ts).
export default function Loading() {
  return <PageSkeleton />;
}
