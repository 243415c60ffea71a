/**
 * What the screening page itself knows of its rows, which are an island (ADR 0052): HTML the server
 * renders (screening-rows.server.tsx) and the browser never renders, only marks.
 */

/** The island that holds the rows (ADR 0052, third addendum). */
export const ROWS_ISLAND = "screening-rows";

/** The rows' checkboxes' field in the page's form (`bulkScreeningFormSchema`). */
export const SELECT_FIELD = "select";

/** The form's message about the selection, when it refused one: the checkboxes point to it. */
export interface SelectRefusal {
  errorId: string;
}

/** The attributes by which a row's box points to the form's message about a refused selection. */
const REFUSAL = { invalid: "aria-invalid", describedBy: "aria-describedby" } as const;

/**
 * The rows' HTML with their boxes pointing to the form's message, for the server's render of a page
 * that refused a selection (without JavaScript, the browser shows what the server wrote). The boxes
 * are the only elements of the rows named `SELECT_FIELD`; text in the rows is escaped, so it cannot
 * hold the attribute as markup.
 */
export function rowsHtmlRefused(html: string, refused: SelectRefusal): string {
  const errorId = refused.errorId.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
  const attributes = `${REFUSAL.invalid}="true" ${REFUSAL.describedBy}="${errorId}"`;
  return html.replaceAll(` name="${SELECT_FIELD}"`, ` ${attributes} name="${SELECT_FIELD}"`);
}

/**
 * Points the boxes in `rows` to the form's message about a refused selection, or no longer (`refused`
 * undefined). In the browser the rows are HTML the page does not render: setting the attributes on them
 * keeps the boxes someone ticked ticked, where rendering the rows again would clear them.
 */
export function markRefusal(rows: ParentNode, refused: SelectRefusal | undefined) {
  for (const box of rows.querySelectorAll(`input[name="${SELECT_FIELD}"]`)) {
    if (refused) {
      box.setAttribute(REFUSAL.invalid, "true");
      box.setAttribute(REFUSAL.describedBy, refused.errorId);
    } else {
      box.removeAttribute(REFUSAL.invalid);
      box.removeAttribute(REFUSAL.describedBy);
    }
  }
}
