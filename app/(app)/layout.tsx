import type { ReactNode } from "react";
import { requireActor } from "@/lib/auth/session";
import { AppFrame } from "../app-frame";

export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requireActor();
  return <AppFrame actor={actor}>{children}</AppFrame>;
}
