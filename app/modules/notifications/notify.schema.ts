import { z } from "zod";

export const listNotificationsQuerySchema = z.strictObject({
  unread: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
  /** Opaque: the `nextCursor` of the previous page (same `unread`). */
  cursor: z.string().max(200).optional(),
});

export const markReadSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(40)).max(200).optional(),
});
