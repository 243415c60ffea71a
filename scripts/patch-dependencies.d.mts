// Types of scripts/patch-dependencies.mjs (plain JavaScript: it runs on `npm install`, before anything else).
export interface Edit {
  what: string;
  find: string;
  replace: string;
}
export interface Patch {
  name: string;
  version: string;
  /** Named files, and/or every file of `dirs` whose name ends with `ending` (paths relative to the package). */
  files: { paths?: string[]; dirs?: string[]; ending?: string };
  edits: Edit[];
}
export const MARKER: string;
export const PATCHES: Patch[];
export function patchFiles(patch: Patch, root?: string): string[];
export function applyPatch(patch: Patch, root?: string): string[];
