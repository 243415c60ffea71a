// Types of scripts/patch-dependencies.mjs (plain JavaScript: it runs on `npm install`, before anything else).
export interface Edit {
  what: string;
  find: string;
  replace: string;
}
export interface Patch {
  name: string;
  version: string;
  dirs: string[];
  edits: Edit[];
}
export const MARKER: string;
export const PATCHES: Patch[];
export function applyPatch(patch: Patch, root?: string): string[];
