import { getFormProps } from "@conform-to/react";
import { Form, Link, useNavigation } from "react-router";
import type { Route } from "./+types/signoffs";
import { DecisionSummary } from "~/components/decision-summary";
import { ActionResult } from "~/components/action-result";
import { Field, FormErrors, TextareaField, useSchemaForm } from "~/components/forms";
import { useT } from "~/i18n/use-t";
import { requirePermission } from "~/modules/auth/permissions.server";
import { pendingSignoffs } from "~/modules/meetings/signoffs.server";
import { refuseSignoffFormSchema, signFormSchema } from "~/modules/requests/request.schema";
import { sendRequestEvent } from "~/modules/requests/requests.server";
import { pageLocale } from "~/utils/locale.server";
import { readForm } from "~/utils/api.server";
import { replyFor, resultFor } from "~/utils/form";
import { formAction } from "~/utils/page-action.server";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requirePermission(request, "decision:signOff", context);
  return { items: await pendingSignoffs({ user }) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const user = await requirePermission(request, "decision:signOff", context);
  const form = await readForm(request);
  const requestId = String(form.get("requestId") ?? "");
  const sign = form.get("type") === "SIGN";
  const extra = { requestId, type: sign ? "SIGN" : "REFUSE_SIGNOFF" };
  const locale = await pageLocale(request);
  return sign
    ? formAction({
        locale,
        formData: form,
        schema: signFormSchema,
        form: `sign-${requestId}`,
        extra,
        work: async ({ requestId: id, ...body }) => {
          await sendRequestEvent({ user, requestId: id, body });
          return "signoff.signed";
        },
      })
    : formAction({
        locale,
        formData: form,
        schema: refuseSignoffFormSchema,
        form: `refuse-${requestId}`,
        extra,
        work: async ({ requestId: id, ...body }) => {
          await sendRequestEvent({ user, requestId: id, body });
          return "signoff.refused";
        },
      });
}

type Item = Route.ComponentProps["loaderData"]["items"][number];
type Answer = Route.ComponentProps["actionData"];

/** Sign, or refuse with a reason: two forms beside each decision, each answered beside itself. */
function SignoffForms({ item, answer }: { item: Item; answer: Answer }) {
  const { t } = useT();
  const busy = useNavigation().state !== "idle";
  const requestId = item.request.id;
  const [signForm, signFields] = useSchemaForm({ id: `sign-${requestId}`, form: "sign", lastResult: resultFor(answer, `sign-${requestId}`) });
  const [refuseForm, refuseFields] = useSchemaForm({
    id: `refuse-${requestId}`,
    form: "refuseSignoff",
    lastResult: resultFor(answer, `refuse-${requestId}`),
  });
  const signed = replyFor(answer, `sign-${requestId}`);
  const refused = replyFor(answer, `refuse-${requestId}`);
  return (
    <div className="grid gap-3 md:grid-cols-2">
      <Form method="post" {...getFormProps(signForm)} className="space-y-2 rounded-md border border-slate-200 p-3">
        <input type="hidden" name="type" value="SIGN" />
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="expectedVersion" value={item.request.version} />
        <FormErrors form={signForm} />
        <Field meta={signFields.comment} label={t("signoff.comment")} />
        <button type="submit" className="btn-primary" disabled={busy}>
          {t("signoff.sign")}
        </button>
        {signed ? <ActionResult result={signed} reloadHref="/signoffs" /> : null}
      </Form>
      <Form method="post" {...getFormProps(refuseForm)} className="space-y-2 rounded-md border border-slate-200 p-3">
        <input type="hidden" name="type" value="REFUSE_SIGNOFF" />
        <input type="hidden" name="requestId" value={requestId} />
        <input type="hidden" name="expectedVersion" value={item.request.version} />
        <FormErrors form={refuseForm} />
        <TextareaField meta={refuseFields.reason} label={t("signoff.reason")} textareaProps={{ rows: 2 }} />
        <button type="submit" className="btn-danger" disabled={busy}>
          {t("signoff.refuse")}
        </button>
        {refused ? <ActionResult result={refused} reloadHref="/signoffs" /> : null}
      </Form>
    </div>
  );
}

export default function Signoffs({ loaderData, actionData }: Route.ComponentProps) {
  const { t, td, n, locale } = useT();
  const { items } = loaderData;
  return (
    <div className="space-y-6">
      <h1 className="page-title">{t("signoff.inboxTitle")}</h1>
      {actionData?.message && !items.some((i) => i.request.id === actionData.requestId) ? <ActionResult result={actionData} reloadHref="/signoffs" /> : null}
      {items.length === 0 ? <p className="card">{t("signoff.empty")}</p> : null}
      <ul className="space-y-4">
        {items.map((item) => (
          <li key={item.id} className="card space-y-3" data-testid="signoff-item">
            <h2 className="text-lg font-bold">
              <Link to={`/requests/${item.request.id}`}>
                {item.request.reference} {item.request.title}
              </Link>
            </h2>
            <p className="text-sm text-slate-700">
              {locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn}
              {item.request.sector ? ` · ${td(`request.sectors.${item.request.sector}`)}` : ""}
              {item.request.gpusRequested ? ` · ${t("meeting.requestedGpus")} ${n(item.request.gpusRequested)}` : ""}
            </p>
            <DecisionSummary decision={{ ...item, proposedConditions: item.conditions }} quorum={item.quorum} agreedGpus={item.request.agreedGpus} />
            <SignoffForms item={item} answer={actionData} />
          </li>
        ))}
      </ul>
    </div>
  );
}
