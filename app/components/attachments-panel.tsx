import { useRef, useState } from "react";
import { Form, useNavigation, useRevalidator, useSearchParams } from "react-router";
import { useT } from "~/i18n/use-t";

export interface AttachmentView {
  id: string;
  name: string;
  size: number;
  type: string;
  conditionId: string | null;
  createdAt: Date | string;
  uploadedBy: { id: string; name: string };
}

type Banner = { ok: boolean; text: string } | null;

const ACCEPT = ".pdf,.hwp,.hwpx,.docx,.xlsx,.png,.jpg,.jpeg";
const PAGE_ERROR_KEYS = ["tooLarge", "unsupportedType", "tooMany", "notEditable", "noFile", "notMultipart"];

/** What the attachment messages say about the limits ({mb}, {max}, {types}). */
export const attachmentLimits = (maxBytes: number, maxFiles: number) => ({
  mb: maxBytes / 1024 / 1024,
  max: maxFiles,
  types: "PDF, HWP, HWPX, DOCX, XLSX, PNG, JPEG",
});

function useSize() {
  const { n } = useT();
  return (bytes: number) =>
    bytes < 1024 ? `${n(bytes)} B` : bytes < 1024 * 1024 ? `${n(Math.round(bytes / 102.4) / 10)} KB` : `${n(Math.round(bytes / 104857.6) / 10)} MB`;
}

/**
 * The request's own files (condition evidence is shown with its condition). With JavaScript a file
 * goes to the API by XHR so large uploads show progress; without it the form posts to the page route
 * `/requests/:id/attachments`, which redirects back here with a banner in the query string.
 */
export function AttachmentsPanel({
  requestId,
  items,
  canChange,
  maxFiles,
  maxBytes,
}: {
  requestId: string;
  items: AttachmentView[];
  canChange: boolean;
  maxFiles: number;
  maxBytes: number;
}) {
  const { t, td, d, locale } = useT();
  const size = useSize();
  const files = items.filter((a) => a.conditionId === null);
  const [params] = useSearchParams();
  const [banner, setBanner] = useState<Banner>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const revalidator = useRevalidator();
  const busy = useNavigation().state !== "idle";
  const input = useRef<HTMLInputElement>(null);
  const limits = attachmentLimits(maxBytes, maxFiles);

  // an upload of condition evidence is answered beside its condition (conditions panel)
  const fromQuery: Banner = params.has("conditionId")
    ? null
    : params.get("attached")
      ? { ok: true, text: t("attachment.uploaded", { name: params.get("attached")! }) }
      : params.get("detached")
        ? { ok: true, text: t("attachment.deleted") }
        : PAGE_ERROR_KEYS.includes(params.get("attachError") ?? "")
          ? { ok: false, text: td(`attachment.error.${params.get("attachError")}`, limits) }
          : null;
  const shown = banner ?? fromQuery;

  function upload(event: React.FormEvent<HTMLFormElement>) {
    const file = input.current?.files?.[0];
    event.preventDefault();
    if (!file) return setBanner({ ok: false, text: t("attachment.error.noFile") });
    if (file.size > maxBytes) return setBanner({ ok: false, text: t("attachment.error.tooLarge", limits) });
    const body = new FormData();
    body.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/api/v1/requests/${requestId}/attachments`);
    xhr.setRequestHeader("Accept-Language", locale);
    xhr.upload.onprogress = (e) => e.lengthComputable && setProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onload = () => {
      setProgress(null);
      if (xhr.status === 201) {
        setBanner({ ok: true, text: t("attachment.uploaded", { name: file.name }) });
        if (input.current) input.current.value = "";
        void revalidator.revalidate(); // the list reloads in the background; the banner already said it
        return;
      }
      let text = t("attachment.error.network");
      try {
        text = JSON.parse(xhr.responseText).error.message ?? text;
      } catch {
        /* not JSON: keep the generic text */
      }
      setBanner({ ok: false, text });
    };
    xhr.onerror = () => {
      setProgress(null);
      setBanner({ ok: false, text: t("attachment.error.network") });
    };
    setBanner(null);
    setProgress(0);
    xhr.send(body);
  }

  return (
    <section id="attachments" aria-labelledby="attachments-title" className="card space-y-3">
      <h2 id="attachments-title" className="text-lg font-bold">
        {t("attachment.title")} <span className="text-sm font-normal text-slate-600">({t("attachment.count", { count: files.length, max: maxFiles })})</span>
      </h2>
      <div aria-live="polite">
        {shown ? (
          <p role={shown.ok ? "status" : "alert"} className={shown.ok ? "alert-success" : "alert-error"} data-testid="attachment-banner">
            {shown.text}
          </p>
        ) : null}
      </div>
      {files.length === 0 ? (
        <p className="text-sm">{t("attachment.empty")}</p>
      ) : (
        <div className="overflow-x-auto" role="region" aria-label={t("common.scrollTable", { name: t("attachment.title") })} tabIndex={0}>
          <table className="w-full border-collapse text-sm" data-testid="attachments">
            <thead>
              <tr className="border-b-2 border-slate-300 text-left">
                <th scope="col" className="p-2">
                  {t("attachment.name")}
                </th>
                <th scope="col" className="p-2 text-right">
                  {t("attachment.size")}
                </th>
                <th scope="col" className="p-2">
                  {t("attachment.type")}
                </th>
                <th scope="col" className="p-2">
                  {t("attachment.uploadedBy")}
                </th>
                <th scope="col" className="p-2">
                  {t("attachment.uploadedAt")}
                </th>
                {canChange ? (
                  <th scope="col" className="p-2">
                    <span className="sr-only">{t("attachment.delete")}</span>
                  </th>
                ) : null}
              </tr>
            </thead>
            <tbody>
              {files.map((a) => (
                <tr key={a.id} className="border-b border-slate-200">
                  <td className="p-2">
                    <a href={`/api/v1/requests/${requestId}/attachments/${a.id}`} download={a.name} aria-label={t("attachment.download", { name: a.name })}>
                      {a.name}
                    </a>
                  </td>
                  <td className="p-2 text-right">{size(a.size)}</td>
                  <td className="p-2">{td(`attachment.types.${a.type}`)}</td>
                  <td className="p-2">{a.uploadedBy.name}</td>
                  <td className="p-2">{d(a.createdAt)}</td>
                  {canChange ? (
                    <td className="p-2">
                      <Form method="post" action={`/requests/${requestId}/attachments`}>
                        <input type="hidden" name="attachmentId" value={a.id} />
                        <button type="submit" className="btn-secondary" disabled={busy} aria-label={t("attachment.deleteLabel", { name: a.name })}>
                          {t("attachment.delete")}
                        </button>
                      </Form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {canChange ? (
        <form
          method="post"
          encType="multipart/form-data"
          action={`/requests/${requestId}/attachments`}
          onSubmit={upload}
          className="space-y-2 border-t border-slate-200 pt-3"
        >
          <div>
            <label htmlFor="attachment-file" className="field-label">
              {t("attachment.choose")}
            </label>
            <input
              ref={input}
              id="attachment-file"
              name="file"
              type="file"
              accept={ACCEPT}
              required
              className="field-input"
              aria-describedby="attachment-hint"
              disabled={progress !== null || files.length >= maxFiles}
            />
            <p id="attachment-hint" className="mt-1 text-xs text-slate-600">
              {t("attachment.hint", limits)}
            </p>
          </div>
          {progress !== null ? (
            <div>
              <label htmlFor="attachment-progress" className="text-sm">
                {t("attachment.uploading", { percent: progress })}
              </label>
              <progress id="attachment-progress" max={100} value={progress} className="block w-full" />
            </div>
          ) : null}
          <button type="submit" className="btn-primary" disabled={progress !== null || files.length >= maxFiles}>
            {progress !== null ? t("attachment.uploading", { percent: progress }) : t("attachment.upload")}
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">{t("attachment.readOnly")}</p>
      )}
    </section>
  );
}
