import { z } from "zod";
import { text } from "~/utils/schema-fields";

export const COMMENT_MAX = 4000;

/** A comment (API `POST /requests/:id/comments`); messages come from the catalogue (field "body"). */
export const commentBodySchema = z.strictObject({
  body: text().trim().min(1).max(COMMENT_MAX),
});

/** The request page's comment form. */
export const commentFormSchema = commentBodySchema.extend({ intent: z.literal("comment") });
