import { useT } from "~/i18n/use-t";
import { returnReasonText } from "~/modules/screening/return-reasons";

/** The secretariat's reasons for returning a request, shown at the top of the request and the form. */
export function ReturnReasons({ reasons, intro }: { reasons: string[]; intro?: string }) {
  const { t, locale } = useT();
  return (
    <section className="alert-info" aria-labelledby="returned" data-testid="return-reasons">
      <h2 id="returned" className="font-bold">
        {t("request.returnedReasons")}
      </h2>
      {intro ? <p className="mt-1">{intro}</p> : null}
      <ul className="ml-5 mt-1 list-disc">
        {reasons.map((r, i) => (
          <li key={`${i}-${r}`}>{returnReasonText(locale, r)}</li>
        ))}
      </ul>
    </section>
  );
}
