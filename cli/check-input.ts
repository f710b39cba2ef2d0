// Checks command-line values against the same zod schemas the API uses; a failure is a usage error.
import type { z } from 'zod';
import { zodFieldErrors } from '../ingest/index.ts';
import { UsageError } from './errors.ts';

export function checkInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const errors = zodFieldErrors(result.error);
  const fields = [...new Set(errors.map((error) => `--${error.path}`))].join(', ');
  throw new UsageError(`invalid ${fields}`, errors);
}
