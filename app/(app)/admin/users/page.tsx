import type { Metadata } from "next";
import { CreateUserForm } from "@/components/admin/create-user-form";
import { RoleSelect, UserActions } from "@/components/admin/user-row-actions";
import { Forbidden } from "@/components/forbidden";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { hasPermission } from "@/lib/authz/permissions";
import { pageContext } from "@/lib/auth/page-context";
import { listUsers } from "@/lib/users/manage-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const ctx = await pageContext();
  const { actor } = ctx;
  if (!hasPermission(actor.role, "user:manage")) return <Forbidden message="Only admins manage users." />;
  const users = await listUsers(ctx);
  const waiting = users.filter((u) => !u.role && !u.disabled).length;
  return (
    <>
      <PageHeader title="Users" description="Who may use the dashboard and in which role. Role changes, disabling and password resets end the person's sessions on their next request." />
      <Card className="mb-6">
        <CardHeader title="Add a user" description="Creates a password account with a one-time temporary password. Single sign-on users appear here on their first sign-in." />
        <CardBody><CreateUserForm /></CardBody>
      </Card>
      <Card className="overflow-hidden">
        <CardHeader title={`${users.length} ${users.length === 1 ? "user" : "users"}`} description={waiting ? `${waiting} waiting for a role after single sign-on.` : undefined} />
        <div className="relative overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50">
              <tr>
                {["Person", "Role", "Status", "Last sign-in", ""].map((h) => (
                  <th key={h} scope="col" className="px-4 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">{h || <span className="sr-only">Actions</span>}</th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {users.map((u) => (
                <tr key={u.id} data-testid={`user-${u.email}`}>
                  <td className="px-4 py-3">
                    <p className="font-medium text-slate-900">{u.name}</p>
                    <p className="text-xs text-slate-500">{u.email}{u.sso ? " · SSO" : ""}</p>
                  </td>
                  <td className="px-4 py-3"><RoleSelect userId={u.id} role={u.role} self={u.id === actor.id} name={u.name} /></td>
                  <td className="px-4 py-3">
                    {u.disabled ? <Badge tone="red">Disabled</Badge> : !u.role ? <Badge tone="amber">Awaiting role</Badge> : u.mustChangePassword ? <Badge tone="blue">Temporary password</Badge> : <Badge tone="green">Active</Badge>}
                  </td>
                  <td className="px-4 py-3 text-slate-600">{u.lastLoginAt ? u.lastLoginAt.replace("T", " ").slice(0, 16) : "Never"}</td>
                  <td className="px-4 py-3 text-right"><UserActions userId={u.id} name={u.name} disabled={u.disabled} self={u.id === actor.id} hasPassword={u.hasPassword} /></td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </>
  );
}
