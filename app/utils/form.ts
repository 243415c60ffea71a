/**
 * What a page form's action answers and how a page finds its own form's part of it. Kept apart from
 * the parsing (`parse-form.ts`, zod and Conform's zod integration) so that a page can read its answer
 * without loading the schemas (ADR 0043).
 */
import type { SubmissionResult } from "@conform-to/react";

/** What a page form's action answers: the banner beside the form plus Conform's result for its fields. */
export type FormReply = {
  ok: boolean;
  conflict: boolean;
  /** the result sentence (empty when only fields were refused: their messages say it) */
  message: string;
  /** which form on the page acted (its Conform id) */
  form: string;
  result: SubmissionResult<string[]>;
};

/** Conform's `lastResult` for the form `id` (a page may have several forms; only the one that acted gets it). */
export function resultFor(actionData: unknown, id: string): SubmissionResult<string[]> | undefined {
  if (!actionData || typeof actionData !== "object") return undefined;
  const reply = actionData as Partial<FormReply>;
  return reply.form === id ? reply.result : undefined;
}

/** The banner for the form `id`, when it acted and there is something to say. */
export function replyFor<T extends { message?: string }>(actionData: T | undefined | null, id: string): T | null {
  if (!actionData || (actionData as Partial<FormReply>).form !== id || !actionData.message) return null;
  return actionData;
}
