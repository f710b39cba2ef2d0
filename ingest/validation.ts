// Shared zod building blocks and the translation of zod issues into field errors `{path, code, message}`.
import { z } from 'zod';
import { isIsoDate } from './dates.ts';
import { type FieldError, invalid, type LedgerError } from './errors.ts';
import { parseMoney } from './money.ts';

/** Characters in a memo or free-text field at most. */
export const TEXT_CHARS_MAX = 500;
/** Characters in a code (account, department, party…) at most. */
export const CODE_CHARS_MAX = 64;

/** An amount as a decimal string or a JSON number, parsed into integer minor units. */
export const Money = z.union([z.string().max(40), z.number()]).transform((value, ctx) => {
  const parsed = parseMoney(value);
  if (!parsed.ok) {
    ctx.addIssue({ code: 'custom', message: parsed.message, params: { code: parsed.code } });
    return z.NEVER;
  }
  return parsed.minor;
});

export const IsoDate = z.string().refine(isIsoDate, {
  message: 'must be a calendar date written YYYY-MM-DD',
  params: { code: 'invalid_date' },
});

/** `pattern` as a refinement, so the failure carries our rule code rather than zod's generic one. */
export function matching(pattern: RegExp, code: string, message: string) {
  return z.string().refine((text) => pattern.test(text), { message, params: { code } });
}

export const Period = matching(
  /^\d{4}-(0[1-9]|1[0-2])$/,
  'invalid_period',
  'must be a period written YYYY-MM',
);

export const Code = z.string().trim().min(1).max(CODE_CHARS_MAX);
export const Text = z.string().max(TEXT_CHARS_MAX);

/** Zod's issues as our field errors; a rule code in `params.code` wins over zod's generic code, and an
 * unknown key becomes one error per key whose path names that key. */
export function zodFieldErrors(error: z.ZodError, prefix: Array<string | number> = []): FieldError[] {
  return error.issues.flatMap((issue) => {
    const params = (issue as { params?: { code?: string } }).params;
    const path = [...prefix, ...issue.path].map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key].join('.'),
        code: 'unrecognized_keys',
        message: `unknown field "${key}"`,
      }));
    }
    return [{ path: path.join('.'), code: params?.code ?? issue.code, message: issue.message }];
  });
}

/** Parses `input` with `schema`, or throws an `invalid` LedgerError listing every field at fault. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw invalid(zodFieldErrors(result.error)) satisfies LedgerError;
  return result.data;
}
