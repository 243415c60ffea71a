import { z } from "zod";
import { ROLES } from "~/modules/auth/permissions";

export const createUserSchema = z.strictObject({
  email: z.email().max(200),
  name: z.string().trim().min(1).max(100),
  role: z.enum(ROLES),
  organizationCode: z.string().trim().min(1).max(20),
  isChair: z.boolean().optional(),
});

export const updateUserSchema = z.strictObject({
  role: z.enum(ROLES).optional(),
  organizationCode: z.string().trim().min(1).max(20).optional(),
  isChair: z.boolean().optional(),
  active: z.boolean().optional(),
  /** sets a new one-time password (returned once) that must be changed at the next sign-in */
  resetPassword: z.literal(true).optional(),
});

export const changePasswordSchema = z.strictObject({
  current: z.string().min(1).max(200),
  next: z.string().min(10).max(200),
});

/** The admin page's "new user" form (a checkbox sends "on" when ticked, nothing otherwise). */
export const createUserFormSchema = createUserSchema.extend({ intent: z.literal("create") });
