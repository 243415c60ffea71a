import { z } from "zod";

export const signInSchema = z.strictObject({
  email: z.string().trim().toLowerCase().email().max(200),
  password: z.string().min(1).max(200),
});
