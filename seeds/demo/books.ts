// The simulator's own books: journal drafts in integer minor units, running balances per account,
// and the JSON journals handed to the ledger (decimal strings, as any API client would send them).
import { formatMoney } from '../../ingest/index.ts';

export interface Dimensions {
  department?: string;
  cost_center?: string;
  project?: string;
  party?: string;
}

export interface DraftLine extends Dimensions {
  account: string;
  /** Positive = debit, negative = credit, in minor units. */
  amount: bigint;
}

export interface Draft {
  date: string;
  memo: string;
  reference?: string;
  lines: DraftLine[];
}

/** A journal as plain JSON, the shape `POST /api/v1/journals` takes. */
export interface JournalJson {
  date: string;
  memo: string;
  reference?: string;
  lines: Array<Dimensions & { account: string; debit?: string; credit?: string }>;
}

export function debit(account: string, amount: bigint, dimensions: Dimensions = {}): DraftLine {
  return { account, amount, ...dimensions };
}

export function credit(account: string, amount: bigint, dimensions: Dimensions = {}): DraftLine {
  return { account, amount: -amount, ...dimensions };
}

export class Books {
  private readonly balances = new Map<string, bigint>();
  journals = 0;
  lines = 0;

  constructor(private readonly sink: (journal: JournalJson, date: string) => void) {}

  /** Debit-minus-credit balance of an account so far. */
  balance(account: string): bigint {
    return this.balances.get(account) ?? 0n;
  }

  /**
   * A business document posted this amount (positive = debit) to the account through its own journal: the
   * simulator does not post it again, but keeps the running balance right for the decisions that read it.
   */
  notePosted(account: string, amount: bigint): void {
    this.balances.set(account, this.balance(account) + amount);
  }

  /** Records a balanced draft; zero lines are dropped (a line needs a positive amount). */
  post(draft: Draft): void {
    const lines = draft.lines.filter((line) => line.amount !== 0n);
    const sum = lines.reduce((total, line) => total + line.amount, 0n);
    if (sum !== 0n) throw new Error(`demo journal "${draft.memo}" is off balance by ${sum} minor units`);
    if (lines.length < 2) return;
    for (const line of lines) this.balances.set(line.account, this.balance(line.account) + line.amount);
    this.journals++;
    this.lines += lines.length;
    this.sink(toJson({ ...draft, lines }), draft.date);
  }
}

function toJson(draft: Draft): JournalJson {
  return {
    date: draft.date,
    memo: draft.memo,
    ...(draft.reference === undefined ? {} : { reference: draft.reference }),
    lines: draft.lines.map(({ amount, ...rest }) =>
      amount > 0n ? { ...rest, debit: formatMoney(amount) } : { ...rest, credit: formatMoney(-amount) },
    ),
  };
}

/** `amount × basisPoints / 10 000`, rounded half up to the minor unit (VAT, payroll shares, interest). */
export function shareOf(amount: bigint, basisPoints: bigint): bigint {
  return (amount * basisPoints * 2n + 10_000n) / 20_000n;
}
