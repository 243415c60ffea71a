import { useEffect, useRef, useState } from "react";
import { useHydrated } from "~/utils/use-hydrated";
import { Form, Link, useNavigation, useSubmit } from "react-router";
import { StateBadge } from "~/components/state-badge";
import { useT } from "~/i18n/use-t";

export interface AgendaRow {
  id: string;
  position: number;
  /** 의안번호 within the meeting */
  number: number;
  reconsideration: boolean;
  request: {
    id: string;
    reference: string | null;
    title: string | null;
    state: string;
    gpusRequested: number | null;
    agreedGpus: number | null;
    ministry: { name: string; nameEn: string };
  };
}

function moved(order: string[], id: string, to: number): string[] {
  const rest = order.filter((x) => x !== id);
  rest.splice(to, 0, id);
  return rest;
}

/**
 * The agenda in order. While it can be reordered, each item has Up/Down buttons that post the whole
 * new order with the meeting's version (they work without JavaScript), and rows can be dragged with
 * a pointer (HTML5 drag and drop) once the page is interactive; a drop posts the same form.
 */
export function AgendaTable({ items, reorder, meetingNumber }: { items: AgendaRow[]; reorder: { version: number } | null; meetingNumber: number }) {
  const { t, n, locale } = useT();
  const submit = useSubmit();
  const navState = useNavigation().state;
  const busy = navState !== "idle";
  const serverOrder = items.map((i) => i.request.id);
  const key = serverOrder.join(",");
  // a drag shows its preview locally until the server's order comes back
  const [local, setLocal] = useState<{ base: string; order: string[] } | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);
  const hydrated = useHydrated();
  const [lastMove, setLastMove] = useState<{ id: string; dir: "up" | "down" } | null>(null);
  const dropped = useRef(false);
  // the preview ends when the navigation it started has finished (state adjusted while rendering, not in an effect)
  const [seenNavState, setSeenNavState] = useState(navState);
  if (seenNavState !== navState) {
    setSeenNavState(navState);
    if (navState === "idle") setLocal(null);
  }
  // keyboard users keep their place: focus follows the item they moved
  useEffect(() => {
    if (!lastMove) return;
    const same = document.getElementById(`move-${lastMove.dir}-${lastMove.id}`) as HTMLButtonElement | null;
    const other = document.getElementById(`move-${lastMove.dir === "up" ? "down" : "up"}-${lastMove.id}`) as HTMLButtonElement | null;
    (same && !same.disabled ? same : other)?.focus();
  }, [key, lastMove]);

  const order = local && local.base === key ? local.order : serverOrder;
  const byId = new Map(items.map((i) => [i.request.id, i]));
  const rows = order.map((id) => byId.get(id)).filter((x): x is AgendaRow => x !== undefined);
  const draggable = reorder !== null && hydrated && items.length > 1;

  const submitOrder = (next: string[]) => {
    if (!reorder) return;
    const form = new FormData();
    form.set("intent", "reorder");
    form.set("expectedVersion", String(reorder.version));
    form.set("order", next.join(","));
    void submit(form, { method: "post" }); // the navigation reports itself (pending state, action data)
  };

  const table = (
    <div className="overflow-x-auto" role="region" aria-label={t("meeting.agenda")} tabIndex={0}>
      <table className="stack-table w-full border-collapse bg-white text-sm" data-testid="agenda">
        <thead>
          <tr className="border-b-2 border-slate-300 text-left">
            <th scope="col" className="p-2">
              {t("meeting.itemNumber")}
            </th>
            <th scope="col" className="p-2">
              {t("deliberation.meeting.agendaNumberLabel")}
            </th>
            <th scope="col" className="p-2">
              {t("request.title")}
            </th>
            <th scope="col" className="p-2">
              {t("meeting.proposer")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("meeting.requestedGpus")}
            </th>
            <th scope="col" className="p-2 text-right">
              {t("meeting.agreedGpus")}
            </th>
            <th scope="col" className="p-2">
              {t("request.state")}
            </th>
            {reorder ? (
              <th scope="col" className="p-2">
                {t("meeting.order")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((item, index) => {
            const title = item.request.title ?? t("request.untitled");
            const up = index > 0 ? moved(order, item.request.id, index - 1) : null;
            const down = index < rows.length - 1 ? moved(order, item.request.id, index + 1) : null;
            return (
              <tr
                key={item.id}
                data-testid="agenda-row"
                data-request-id={item.request.id}
                className={`border-b border-slate-200 ${dragging === item.request.id ? "bg-gov-100 opacity-70" : ""} ${draggable ? "cursor-move" : ""}`}
                draggable={draggable || undefined}
                onDragStart={
                  draggable
                    ? (e) => {
                        dropped.current = false;
                        setDragging(item.request.id);
                        e.dataTransfer.effectAllowed = "move";
                        e.dataTransfer.setData("text/plain", item.request.id);
                      }
                    : undefined
                }
                onDragOver={
                  draggable
                    ? (e) => {
                        if (!dragging) return;
                        e.preventDefault();
                        if (dragging !== item.request.id) setLocal({ base: key, order: moved(order, dragging, index) });
                      }
                    : undefined
                }
                onDrop={
                  draggable
                    ? (e) => {
                        e.preventDefault();
                        dropped.current = true;
                        setDragging(null);
                        if (order.join(",") !== key) submitOrder(order);
                      }
                    : undefined
                }
                onDragEnd={
                  draggable
                    ? () => {
                        setDragging(null);
                        if (!dropped.current) setLocal(null);
                      }
                    : undefined
                }
              >
                <td className="p-2 whitespace-nowrap" data-label={t("meeting.itemNumber")}>
                  {draggable ? (
                    <span aria-hidden="true" className="mr-1 text-slate-400">
                      ⠿
                    </span>
                  ) : null}
                  {t("meeting.agendaNo", { n: index + 1 })}
                </td>
                <td className="p-2 whitespace-nowrap" data-testid="agenda-number" data-label={t("deliberation.meeting.agendaNumberLabel")}>
                  {t("deliberation.meeting.agendaNumber", { meeting: meetingNumber, item: item.number })}
                </td>
                <td className="p-2 min-w-40" data-label={t("request.title")}>
                  <Link to={`/requests/${item.request.id}`}>{title}</Link>
                  {item.reconsideration ? <span className="badge ml-2 bg-violet-100 text-violet-900">{t("deliberation.meeting.reconsideration")}</span> : null}
                  {item.request.reference ? <span className="block font-mono text-xs text-slate-600">{item.request.reference}</span> : null}
                </td>
                <td className="p-2" data-label={t("meeting.proposer")}>
                  {locale === "ko" ? item.request.ministry.name : item.request.ministry.nameEn}
                </td>
                <td className="p-2 text-right" data-label={t("meeting.requestedGpus")}>
                  {item.request.gpusRequested === null ? "–" : n(item.request.gpusRequested)}
                </td>
                <td className="p-2 text-right" data-label={t("meeting.agreedGpus")}>
                  {item.request.agreedGpus === null ? "–" : n(item.request.agreedGpus)}
                </td>
                <td className="p-2" data-label={t("request.state")}>
                  <StateBadge state={item.request.state} />
                </td>
                {reorder ? (
                  <td className="p-2 whitespace-nowrap" data-label={t("meeting.order")}>
                    <span className="inline-flex gap-1" role="group" aria-label={t("meeting.moveItem", { title })}>
                      <button
                        type="submit"
                        name="order"
                        value={up?.join(",") ?? ""}
                        id={`move-up-${item.request.id}`}
                        disabled={!up || busy}
                        className="btn-secondary px-2 py-1"
                        aria-label={t("meeting.moveUpItem", { title })}
                        onClick={() => setLastMove({ id: item.request.id, dir: "up" })}
                      >
                        ↑ {t("meeting.moveUp")}
                      </button>
                      <button
                        type="submit"
                        name="order"
                        value={down?.join(",") ?? ""}
                        id={`move-down-${item.request.id}`}
                        disabled={!down || busy}
                        className="btn-secondary px-2 py-1"
                        aria-label={t("meeting.moveDownItem", { title })}
                        onClick={() => setLastMove({ id: item.request.id, dir: "down" })}
                      >
                        ↓ {t("meeting.moveDown")}
                      </button>
                    </span>
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );

  if (!reorder) return table;
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="reorder" />
      <input type="hidden" name="expectedVersion" value={reorder.version} />
      {items.length > 1 ? (
        <p className="mb-2 text-sm text-slate-600" id="drag-hint">
          {t("meeting.dragHint")}
        </p>
      ) : null}
      {table}
    </Form>
  );
}
