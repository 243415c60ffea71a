import { getFormProps } from "@conform-to/react";
import { Form, useNavigation } from "react-router";
import type { Route } from "./+types/admin-users";
import { useT } from "~/i18n/use-t";
import { Field, FormErrors, SelectField, useSchemaForm } from "~/components/forms";
import { requirePermission } from "~/modules/auth/permissions.server";
import { ROLES } from "~/modules/auth/permissions";
import { createUserFormSchema, updateUserSchema } from "~/modules/users/users.schema";
import { createUser, listOrganizations, listUsers, updateUser } from "~/modules/users/users.server";
import { readForm } from "~/utils/api.server";
import { AppError, forPage } from "~/utils/errors";
import { resultFor } from "~/utils/form";
import { pageLocale } from "~/utils/locale.server";
import { formAction, pageAction } from "~/utils/page-action.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  return forPage(async () => {
    const user = await requirePermission(request, "user:manage", context);
    const [users, organizations] = await Promise.all([listUsers({ user }), listOrganizations()]);
    return { users: users.map((u) => ({ ...u, createdAt: u.createdAt.toISOString() })), organizations, selfId: user.id };
  });
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await forPage(() => requirePermission(request, "user:manage", context));
  const locale = await pageLocale(request);
  const form = await readForm(request);
  const text = (name: string) => String(form.get(name) ?? "").trim();
  const intent = text("intent");
  if (intent === "create") {
    return formAction({
      locale,
      formData: form,
      schema: createUserFormSchema,
      form: "user-new",
      fieldOf: (error) => (error.messageKey.includes("email") ? "email" : undefined),
      work: async ({ intent: _intent, ...input }) => {
        const created = await createUser({ user, input });
        return { key: "notify.users.created", params: { password: created.oneTimePassword } };
      },
    });
  }
  // the row forms send choices and buttons only
  const userId = text("userId");
  const input =
    intent === "update"
      ? { role: text("role"), organizationCode: text("organizationCode"), isChair: form.get("isChair") === "on" }
      : intent === "deactivate"
        ? { active: false }
        : intent === "activate"
          ? { active: true }
          : intent === "reset"
            ? { resetPassword: true }
            : null;
  const parsed = input ? updateUserSchema.safeParse(input) : null;
  return pageAction(
    locale,
    async () => {
      if (!parsed?.success) throw new AppError("VALIDATION_FAILED", 422, "error.validation");
      const updated = await updateUser({ user, userId, input: parsed.data });
      if (updated.oneTimePassword) return { key: "notify.users.resetDone", params: { name: updated.name, password: updated.oneTimePassword } };
      return "notify.users.saved";
    },
    { form: `user-${userId}` },
  );
}

export default function AdminUsers({ loaderData, actionData }: Route.ComponentProps) {
  const { t, locale } = useT();
  const busy = useNavigation().state !== "idle";
  const { users, organizations, selfId } = loaderData;
  const orgName = (o: { nameKo: string; nameEn: string }) => (locale === "ko" ? o.nameKo : o.nameEn);
  const [form, fields] = useSchemaForm({
    id: "user-new",
    form: "userCreate",
    lastResult: resultFor(actionData, "user-new"),
    defaultValue: { role: "MINISTRY_OFFICER", organizationCode: "MOHW" },
  });
  const orgSelect = (id: string, value?: string) => (
    <select id={id} name="organizationCode" defaultValue={value} className="field-input">
      {organizations.map((o) => (
        <option key={o.code} value={o.code}>
          {orgName(o)} ({o.code})
        </option>
      ))}
    </select>
  );
  const roleSelect = (id: string, value?: string) => (
    <select id={id} name="role" defaultValue={value} className="field-input">
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {t(`role.${r}`)}
        </option>
      ))}
    </select>
  );
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("notify.users.title")}</h1>
      {actionData?.message ? (
        <div role={actionData.ok ? "status" : "alert"} data-testid="users-result" className={actionData.ok ? "alert-success" : "alert-error"}>
          {actionData.message}
        </div>
      ) : null}

      <Form method="post" {...getFormProps(form)} className="card grid gap-3 sm:grid-cols-2 lg:grid-cols-6" aria-labelledby="create-user">
        <h2 id="create-user" className="text-lg font-bold sm:col-span-2 lg:col-span-6">
          {t("notify.users.create")}
        </h2>
        <input type="hidden" name="intent" value="create" />
        <div className="sm:col-span-2 lg:col-span-6">
          <FormErrors form={form} />
        </div>
        <Field meta={fields.email} label={t("notify.users.email")} type="email" />
        <Field meta={fields.name} label={t("notify.users.name")} />
        <SelectField meta={fields.role} label={t("notify.users.role")} options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        <SelectField
          meta={fields.organizationCode}
          label={t("notify.users.organization")}
          options={organizations.map((o) => ({ value: o.code, label: `${orgName(o)} (${o.code})` }))}
        />
        <label className="flex items-center gap-2 self-end">
          <input type="checkbox" name="isChair" />
          {t("notify.users.chair")}
        </label>
        <button type="submit" className="btn-primary self-end" disabled={busy}>
          {t("notify.users.create")}
        </button>
      </Form>

      <div className="overflow-x-auto" role="region" aria-label={t("notify.users.title")} tabIndex={0}>
        <table className="w-full text-sm">
          <thead>
            <tr>
              <th className="text-left">{t("notify.users.name")}</th>
              <th className="text-left">{t("notify.users.email")}</th>
              <th className="text-left">{t("notify.users.active")}</th>
              <th className="text-left">
                {t("notify.users.role")} · {t("notify.users.organization")} · {t("notify.users.chair")}
              </th>
              <th className="text-left">
                <span className="sr-only">{t("notify.users.deactivate")}</span>
              </th>
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
                    <label className="sr-only" htmlFor={`role-${u.id}`}>
                      {t("notify.users.role")} ({u.email})
                    </label>
                    {roleSelect(`role-${u.id}`, u.role)}
                    <label className="sr-only" htmlFor={`org-${u.id}`}>
                      {t("notify.users.organization")} ({u.email})
                    </label>
                    {orgSelect(`org-${u.id}`, u.organization.code)}
                    <label className="flex items-center gap-1">
                      <input type="checkbox" name="isChair" defaultChecked={u.isChair} />
                      {t("notify.users.chair")}
                    </label>
                    <button type="submit" className="btn-secondary" disabled={busy}>
                      {t("notify.users.save")}
                    </button>
                  </Form>
                </td>
                <td className="space-y-1">
                  {u.id === selfId ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value={u.active ? "deactivate" : "activate"} />
                      <input type="hidden" name="userId" value={u.id} />
                      <button
                        type="submit"
                        className={u.active ? "btn-danger" : "btn-secondary"}
                        disabled={busy}
                        aria-label={`${u.active ? t("notify.users.deactivate") : t("notify.users.activate")} ${u.email}`}
                      >
                        {u.active ? t("notify.users.deactivate") : t("notify.users.activate")}
                      </button>
                    </Form>
                  )}
                  <Form method="post">
                    <input type="hidden" name="intent" value="reset" />
                    <input type="hidden" name="userId" value={u.id} />
                    <button type="submit" className="btn-secondary" disabled={busy} aria-label={`${t("notify.users.reset")} ${u.email}`}>
                      {t("notify.users.reset")}
                    </button>
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
