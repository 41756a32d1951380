import type { Role } from "@/generated/prisma/enums";

/** The signed-in person a service acts for. `role` is null for SSO users awaiting access. */
export type Actor = {
  id: string;
  email: string;
  name: string;
  role: Role | null;
  /** Set after an admin-issued temporary password: the user must choose a new one. */
  mustChangePassword?: boolean;
};

/** What the audit trail records about the request that caused a change. */
export type RequestMeta = {
  ip?: string;
  userAgent?: string;
  requestId?: string;
};
