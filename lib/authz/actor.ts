import type { Role } from "@/generated/prisma/enums";

/** The signed-in person a service acts for. `role` is null for SSO users awaiting access. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role | null;
};

/** What the audit trail records about the request that caused a change. */
export type RequestMeta = {
  ip?: string;
  userAgent?: string;
  requestId?: string;
};
