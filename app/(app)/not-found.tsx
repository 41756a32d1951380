import { NotFoundPanel } from "@/components/shell/not-found-panel";

/** Rendered inside the app frame when a page under it calls notFound(). */
export default function AppNotFound() {
  return <NotFoundPanel />;
}
