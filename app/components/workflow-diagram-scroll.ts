/** The browser's part of the workflow drawing, which the server renders (workflow-diagram.server.tsx, ADR 0048). */

/**
 * On a screen narrower than the drawing, the figure scrolls sideways and starts at the first state: the
 * request's current step may be out of sight. Scrolls the figure in `container` (not the page) so that
 * the current step is in the middle, when it is not in view already.
 */
export function showCurrentStep(container: HTMLElement | null): void {
  const figure = container?.querySelector("figure");
  const step = figure?.querySelector('[aria-current="step"]');
  if (!figure || !step || figure.scrollWidth <= figure.clientWidth) return;
  const box = figure.getBoundingClientRect();
  const at = step.getBoundingClientRect();
  if (at.left >= box.left && at.right <= box.right) return;
  figure.scrollLeft += at.left + at.width / 2 - (box.left + box.width / 2);
}
