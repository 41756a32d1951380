import { z } from "zod";
import { Role } from "@/generated/prisma/enums";

export const ZCreateUserInput = z.object({
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  name: z.string().trim().min(2, "Name must be at least 2 characters.").max(120),
  role: z.enum(Role, { error: "Choose a role." }),
});

export const ZChangeRoleInput = z.object({
  role: z.union([z.enum(Role), z.literal("NONE").transform(() => null)], { error: "Choose a role." }),
});

export const ZNewPassword = z
  .object({
    current: z.string().min(1, "Enter your current password."),
    password: z.string().min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters."),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "Choose a password different from the current one." });
