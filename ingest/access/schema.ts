// Input shapes for people and machines that may use Ledgerline.
import { z } from 'zod';
import { matching } from '../validation.ts';

/** Shortest password accepted, in characters. */
export const PASSWORD_CHARS_MIN = 10;
export const PASSWORD_CHARS_MAX = 256;

export const Role = z.enum([
  'admin',
  'finance',
  'purchasing',
  'sales',
  'inventory',
  'production',
  'hr',
  'executive',
]);
export type Role = z.infer<typeof Role>;

const Name = matching(
  /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/,
  'invalid_name',
  'a name is 1–64 letters, digits, dots, dashes, underscores or @',
);

export const UserInput = z.strictObject({
  name: Name,
  role: Role,
  password: z
    .string()
    .max(PASSWORD_CHARS_MAX)
    .refine((text) => text.length >= PASSWORD_CHARS_MIN, {
      message: `a password has at least ${PASSWORD_CHARS_MIN} characters`,
      params: { code: 'password_too_short' },
    }),
});
export type UserInput = z.infer<typeof UserInput>;

export const TokenInput = z.strictObject({ name: Name, role: Role });
export type TokenInput = z.infer<typeof TokenInput>;

export const LoginInput = z.strictObject({
  name: z.string().max(64),
  password: z.string().max(PASSWORD_CHARS_MAX),
});
