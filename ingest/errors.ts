// The one error type of Ledgerline: a closed set of kinds, each failure named after the rule it breaks.

export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rule_violated'
  | 'too_large'
  | 'unavailable'
  | 'internal';

/** One field-level problem: where (`lines.2.debit`), which rule (`amount_must_be_positive`), and why. */
export interface FieldError {
  path: string;
  code: string;
  message: string;
}

export class LedgerError extends Error {
  readonly kind: ErrorKind;
  readonly code: string;
  readonly errors: FieldError[];

  constructor(kind: ErrorKind, code: string, message: string, errors: FieldError[] = []) {
    super(message);
    this.name = 'LedgerError';
    this.kind = kind;
    this.code = code;
    this.errors = errors;
  }
}

/** Several rule violations found at once: the caller sees every one, not the first. */
export function ruleViolations(errors: FieldError[], message?: string): LedgerError {
  const first = errors[0];
  const code = errors.length === 1 && first ? first.code : 'rules_violated';
  return new LedgerError('rule_violated', code, message ?? first?.message ?? 'rules violated', errors);
}

export function notFound(code: string, message: string, path = ''): LedgerError {
  return new LedgerError('not_found', code, message, path ? [{ path, code, message }] : []);
}

export function conflict(code: string, message: string, path = ''): LedgerError {
  return new LedgerError('conflict', code, message, path ? [{ path, code, message }] : []);
}

export function invalid(errors: FieldError[], message = 'the request is not valid'): LedgerError {
  const first = errors[0];
  return new LedgerError(
    'invalid',
    errors.length === 1 && first ? first.code : 'invalid_request',
    message,
    errors,
  );
}

/** Collects field errors while checking a document, so all of them are reported together. */
export class ErrorList {
  readonly items: FieldError[] = [];

  add(path: string, code: string, message: string): void {
    this.items.push({ path, code, message });
  }

  get isEmpty(): boolean {
    return this.items.length === 0;
  }

  throwIfAny(message?: string): void {
    if (!this.isEmpty) throw ruleViolations(this.items, message);
  }
}
