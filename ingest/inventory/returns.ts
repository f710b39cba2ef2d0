// What an issue can still take back: per issue line and batch, what left the stock and at what cost, less
// what earlier returns brought back. A return comes back at the cost it left with, so the expense is undone
// to the cent and the inventory account regains exactly what it gave.
import type { Database } from '../db/database.ts';
import { type ErrorList, notFound } from '../errors.ts';
import { milli } from '../masterdata/records.ts';
import { minorFromString } from '../money.ts';
import { divideRounded, formatQuantity } from './quantity.ts';

export interface ReturnSource {
  lineNo: number;
  sku: string;
  batch: string | null;
  expiry: string | null;
  expenseAccount: string;
  /** What the issue took out (thousandths, cents). */
  issued: bigint;
  issuedValue: bigint;
  /** What returns (earlier ones, and earlier lines of this one) brought back. */
  returned: bigint;
  returnedValue: bigint;
}

export class Returnable {
  constructor(readonly sources: ReturnSource[]) {}

  /** The issue line the quantity comes back to, counted as returned; null (with an error) when none can take it. */
  take(sku: string, batch: string | null, quantity: bigint, path: string, errors: ErrorList) {
    const candidates = this.sources.filter((source) => source.sku === sku && source.batch === batch);
    if (candidates.length === 0) {
      errors.add(
        path,
        'not_in_returned_issue',
        `the issue gave out no ${sku}${batch ? ` of batch ${batch}` : ''}`,
      );
      return null;
    }
    const source = candidates.find((candidate) => candidate.issued - candidate.returned >= quantity);
    if (!source) {
      const open = candidates.reduce((sum, candidate) => sum + candidate.issued - candidate.returned, 0n);
      errors.add(
        path,
        'exceeds_returnable_quantity',
        `${formatQuantity(quantity)} returned, ${formatQuantity(open)} issued and not yet returned`,
      );
      return null;
    }
    const taken = { ...source };
    source.returned += quantity;
    source.returnedValue += returnValue(taken, quantity);
    return taken;
  }
}

/** The cost of `quantity` coming back: its share of the issue's cost; the last of it takes the remainder. */
export function returnValue(source: ReturnSource, quantity: bigint): bigint {
  if (source.returned + quantity === source.issued) return source.issuedValue - source.returnedValue;
  return divideRounded(source.issuedValue * quantity, source.issued);
}

export async function loadReturnable(
  db: Database,
  issue: string,
  input: { warehouse: string },
  errors: ErrorList,
): Promise<Returnable | null> {
  const issued = await db.query(
    `select m.line_no, m.item_sku, m.batch, max(m.expiry_date) as expiry_date, -sum(m.quantity) as quantity,
            -sum(m.value) as value, any_value(l.expense_account) as expense_account,
            any_value(l.warehouse_code) as warehouse_code
     from facts.stock_moves m
     join facts.stock_issue_lines l on l.document_number = m.document_number and l.line_no = m.line_no
     where m.document_number = ? and m.move_type = 'issue'
     group by all order by m.line_no, m.batch`,
    [issue],
  );
  if (issued.length === 0) throw notFound('issue_not_found', `no stock issue ${issue}`, 'returns');
  if (issued.some((row) => row.warehouse_code !== input.warehouse)) {
    errors.add('warehouse', 'warehouse_differs_from_issue', `goods go back to the warehouse they left`);
  }
  const returned = await db.query(
    `select returns_line_no, item_sku, batch, sum(quantity) as quantity, sum(value) as value
     from facts.stock_issue_lines where returns_document_number = ? group by all`,
    [issue],
  );
  const key = (line: unknown, sku: unknown, batch: unknown) => `${line}\n${sku}\n${batch}`;
  const back = new Map(returned.map((row) => [key(row.returns_line_no, row.item_sku, row.batch), row]));
  const sources = issued.map((row): ReturnSource => {
    const earlier = back.get(key(row.line_no, row.item_sku, row.batch));
    return {
      lineNo: Number(row.line_no),
      sku: String(row.item_sku),
      batch: row.batch === null ? null : String(row.batch),
      expiry: row.expiry_date === null ? null : String(row.expiry_date),
      expenseAccount: String(row.expense_account),
      issued: milli(row.quantity),
      issuedValue: minorFromString(String(row.value)),
      returned: earlier ? milli(earlier.quantity) : 0n,
      returnedValue: earlier ? minorFromString(String(earlier.value)) : 0n,
    };
  });
  return new Returnable(sources);
}
