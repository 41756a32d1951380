import { z } from "zod";
import { Role } from "@/generated/prisma/enums";
import { isStorableText, zName } from "@/lib/validation/fields";

export const ZCreateUserInput = z.object({
  email: z.email("Enter a valid email address.").trim().toLowerCase().max(320),
  name: zName({ min: 2, max: 120, label: "Name" }),
  role: z.enum(Role, { error: "Choose a role." }),
});

export const ZChangeRoleInput = z.object({
  role: z.union([z.enum(Role), z.literal("NONE").transform(() => null)], { error: "Choose a role." }),
});

export const ZNewPassword = z
  .object({
    current: z.string({ error: "Enter your current password." }).min(1, "Enter your current password.").max(1024, "Use at most 1024 characters."),
    password: z.string({ error: "Choose a new password." }).min(12, "Use at least 12 characters.").max(200, "Use at most 200 characters.").refine(isStorableText, { message: "The password contains a character that cannot be used (NUL or a lone UTF-16 surrogate)." }),
    confirm: z.string({ error: "Repeat the new password." }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords do not match." })
  .refine((v) => v.password !== v.current, { path: ["password"], message: "Choose a password different from the current one." });
