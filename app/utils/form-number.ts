/**
 * How a number typed into a form is read, in the browser and on the server alike: surrounding blanks
 * are ignored and thousands separators are accepted where they group digits ("1,000", "3,000,000,000"),
 * as people write counts of GPUs and budgets. Anything that is not a plain decimal ("1,2,3", "10장",
 * "1e3", "0x10") is not a number (NaN), so the field is refused with the catalogue's "digits only" message.
 */
const decimal = /^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$/;

export function numberFromText(text: string): number {
  const trimmed = text.trim();
  return decimal.test(trimmed) ? Number(trimmed.replaceAll(",", "")) : Number.NaN;
}
