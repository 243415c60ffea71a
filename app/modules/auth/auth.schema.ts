import { z } from "zod";
import { text } from "~/utils/schema-fields";

export const signInSchema = z.strictObject({
  email: text().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});

export const API_TOKEN_DEFAULT_DAYS = 90;
export const API_TOKEN_MAX_DAYS = 365;

/** `POST /api/v1/tokens`: a name and, optionally, how many days the token lives (default 90, at most 365). */
export const createApiTokenSchema = z.strictObject({
  name: text().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(API_TOKEN_MAX_DAYS).default(API_TOKEN_DEFAULT_DAYS),
});

/** `DELETE /api/v1/tokens`: which of the caller's tokens to revoke. */
export const revokeApiTokenSchema = z.strictObject({ id: z.string().min(1).max(100) });
