import { Form, useNavigation } from "react-router";
import type { Route } from "./+types/admin-users";
import { useT } from "~/i18n/use-t";
import { translate } from "~/i18n/translate";
import { requirePermission } from "~/modules/auth/permissions.server";
import { ROLES } from "~/modules/auth/permissions";
import { createUserSchema, updateUserSchema } from "~/modules/users/users.schema";
import { createUser, listOrganizations, listUsers, updateUser } from "~/modules/users/users.server";
import { appErrorMessage, readForm } from "~/utils/api.server";
import { AppError, forPage } from "~/utils/errors";
import { pageLocale } from "~/utils/locale.server";

export async function loader({ request }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "user:manage");
    const [users, organizations] = await Promise.all([listUsers({ user }), listOrganizations()]);
    return { users: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })), organizations, selfId: user.id };
  });
}

type Result = { ok: boolean; message: string };

export async function action({ request }: Route.ActionArgs): Promise<Result> {
  const user = await forPage(() => requirePermission(request, "user:manage"));
  const locale = await pageLocale(request);
  const form = await readForm(request);
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const intent = text("intent");
  try {
    if (intent === "create") {
      const parsed = createUserSchema.safeParse({ email: text("email"), name: text("name"), role: text("role"), organizationCode: text("organizationCode"), isChair: form.get("isChair") === "on" });
      if (!parsed.success) return { ok: false, message: translate(locale, "error.validation") };
      const created = await createUser({ user, input: parsed.data });
      return { ok: true, message: translate(locale, "notify.users.created", { password: created.oneTimePassword }) };
    }
    const userId = text("userId");
    const input = intent === "update"
      ? { role: text("role"), organizationCode: text("organizationCode"), isChair: form.get("isChair") === "on" }
      : intent === "deactivate" ? { active: false } : intent === "activate" ? { active: true } : intent === "reset" ? { resetPassword: true } : null;
    const parsed = input ? updateUserSchema.safeParse(input) : null;
    if (!parsed?.success) return { ok: false, message: translate(locale, "error.validation") };
    const updated = await updateUser({ user, userId, input: parsed.data });
    if (updated.oneTimePassword) return { ok: true, message: translate(locale, "notify.users.resetDone", { name: updated.name, password: updated.oneTimePassword }) };
    return { ok: true, message: translate(locale, "notify.users.saved") };
  } catch (error) {
    if (error instanceof AppError) {
      if (error.status === 404) throw new Response(null, { status: 404 });
      return { ok: false, message: appErrorMessage(error, locale) };
    }
    throw error;
  }
}

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useT();
  const busy = useNavigation().state !== "idle";
  const { users, organizations, selfId } = loaderData;
  const orgName = (o: { nameKo: string; nameEn: string }) => (locale === "ko" ? o.nameKo : o.nameEn);
  const orgSelect = (id: string, value?: string) => (
    <select id={id} name="organizationCode" defaultValue={value} className="field-input">
      {organizations.map((o) => <option key={o.code} value={o.code}>{orgName(o)} ({o.code})</option>)}
    </select>
  );
  const roleSelect = (id: string, value?: string) => (
    <select id={id} name="role" defaultValue={value} className="field-input">
      {ROLES.map((r) => <option key={r} value={r}>{t(`role.${r}`)}</option>)}
    </select>
  );
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("notify.users.title")}</h1>
      {actionData ? <div role={actionData.ok ? "status" : "alert"} data-testid="users-result" className={actionData.ok ? "alert-success" : "alert-error"}>{actionData.message}</div> : null}

      <Form method="post" className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-labelledby="create-user">
        <h2 id="create-user" className="text-lg font-bold sm:col-span-2 lg:col-span-6">{t("notify.users.create")}</h2>
        <input type="hidden" name="intent" value="create" />
        <div><label className="field-label" htmlFor="new-email">{t("notify.users.email")}</label><input id="new-email" name="email" type="email" required maxLength={200} className="field-input" /></div>
        <div><label className="field-label" htmlFor="new-name">{t("notify.users.name")}</label><input id="new-name" name="name" required maxLength={100} className="field-input" /></div>
        <div><label className="field-label" htmlFor="new-role">{t("notify.users.role")}</label>{roleSelect("new-role", "MINISTRY_OFFICER")}</div>
        <div><label className="field-label" htmlFor="new-org">{t("notify.users.organization")}</label>{orgSelect("new-org", "MOHW")}</div>
        <label className="flex items-center gap-2 self-end"><input type="checkbox" name="isChair" />{t("notify.users.chair")}</label>
        <button type="submit" className="btn-primary self-end" disabled={busy}>{t("notify.users.create")}</button>
      </Form>

      <div className="overflow-x-auto" role="region" aria-label={t("notify.users.title")} tabIndex={0}>
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th className="text-left">{t("notify.users.name")}</th>
              <th className="text-left">{t("notify.users.email")}</th>
              <th className="text-left">{t("notify.users.active")}</th>
              <th className="text-left">{t("notify.users.role")} · {t("notify.users.organization")} · {t("notify.users.chair")}</th>
              <th className="text-left"><span className="sr-only">{t("notify.users.deactivate")}</span></th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id} data-testid="user-row" data-email={u.email} className="border-t border-slate-200 align-top">
                <td className="py-2">{u.name}</td>
                <td>{u.email}</td>
                <td>{u.active ? t("notify.users.isActive") : t("notify.users.inactive")}</td>
                <td>
                  <Form method="post" className="flex flex-wrap items-center gap-2">
                    <input type="hidden" name="intent" value="update" />
                    <input type="hidden" name="userId" value={u.id} />
                    <label className="sr-only" htmlFor={`role-${u.id}`}>{t("notify.users.role")} ({u.email})</label>
                    {roleSelect(`role-${u.id}`, u.role)}
                    <label className="sr-only" htmlFor={`org-${u.id}`}>{t("notify.users.organization")} ({u.email})</label>
                    {orgSelect(`org-${u.id}`, u.organization.code)}
                    <label className="flex items-center gap-1"><input type="checkbox" name="isChair" defaultChecked={u.isChair} />{t("notify.users.chair")}</label>
                    <button type="submit" className="btn-secondary" disabled={busy}>{t("notify.users.save")}</button>
                  </Form>
                </td>
                <td className="space-y-1">
                  {u.id === selfId ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value={u.active ? "deactivate" : "activate"} />
                      <input type="hidden" name="userId" value={u.id} />
                      <button type="submit" className={u.active ? "btn-danger" : "btn-secondary"} disabled={busy} aria-label={`${u.active ? t("notify.users.deactivate") : t("notify.users.activate")} ${u.email}`}>
                        {u.active ? t("notify.users.deactivate") : t("notify.users.activate")}
                      </button>
                    </Form>
                  )}
                  <Form method="post">
                    <input type="hidden" name="intent" value="reset" />
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className="btn-secondary" disabled={busy} aria-label={`${t("notify.users.reset")} ${u.email}`}>{t("notify.users.reset")}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
