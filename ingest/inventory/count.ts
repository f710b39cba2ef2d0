// Stock counts: each counted line is compared with the books; a loss leaves stock at its cost (Dr inventory
// differences / Cr inventory), a gain enters at the current cost (Dr inventory / Cr inventory differences).
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, type Posting, postedJson, postingAccount } from '../postings.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { checkWarehouse, INVENTORY_PROCESS, lineItem, MoveLog, pickFor, takeOut } from './moves.ts';
import { formatQuantity, valueAt } from './quantity.ts';
import type { StockCountInput } from './schema.ts';
import { StockWork } from './stock-state.ts';

export const STOCK_COUNT_TYPE = 'stock-count';

interface CountedLine {
  lineNo: number;
  sku: string;
  inventoryAccount: string;
  batch: string | null;
  book: bigint;
  counted: bigint;
  /** Signed value of the variance: positive for a gain. */
  value: bigint;
}

export function stockCountCommand(actor: Actor, input: StockCountInput): Command {
  return {
    name: 'stock.count',
    ...actor,
    request: input,
    run(ctx): CommandResult {
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      checkWarehouse(ctx, input.warehouse, 'warehouse', errors);
      errors.throwIfAny('the count cannot be posted');
      const number = assignNumber(ctx, STOCK_COUNT_TYPE, input.date).documentNumber;
      const log = new MoveLog(ctx, STOCK_COUNT_TYPE, number, input.date);
      const lines = countLines(ctx, input, log, errors);
      errors.throwIfAny('the count cannot be posted');
      const differences = postingAccount(ctx.state, 'inventory_differences');
      const postings: Posting[] = lines.flatMap((line) => [
        { account: line.inventoryAccount, amount: line.value },
        { account: differences, amount: -line.value },
      ]);
      const journal = appendPostings(ctx, {
        date: input.date,
        memo: `Stock count ${number} in ${input.warehouse}`,
        sourceDocumentType: STOCK_COUNT_TYPE,
        sourceDocumentNumber: number,
        postings,
      });
      for (const line of lines) appendCountRow(ctx, input, number, line, journal?.number ?? null);
      appendProcessEvent(ctx, {
        process: INVENTORY_PROCESS,
        caseId: number,
        activity: 'stock_counted',
        documentType: STOCK_COUNT_TYPE,
        documentNumber: number,
        postingDate: input.date,
      });
      const body = { id: number, number, moves: log.json(), journal: journal ? postedJson(journal) : null };
      return { status: 201, body, documentType: STOCK_COUNT_TYPE, documentNumber: number };
    },
  };
}

function countLines(ctx: CommandContext, input: StockCountInput, log: MoveLog, errors: ErrorList) {
  const work = new StockWork(ctx);
  const seen = new Set<string>();
  const lines: CountedLine[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const item = lineItem(ctx, line.item, line.batch, path, errors);
    if (!item) return;
    if (item.isBatchTracked && line.batch === undefined) {
      errors.add(`${path}.batch`, 'batch_required', `${item.sku} is counted per batch`);
      return;
    }
    const batch = line.batch ?? null;
    const key = `${item.sku}\n${batch}`;
    if (seen.has(key)) errors.add(path, 'duplicate_count_line', `${item.sku} is counted twice`);
    seen.add(key);
    const position = work.position(item, input.warehouse);
    const book = item.isBatchTracked ? (position.batches().get(batch) ?? 0n) : position.quantity;
    const variance = line.counted - book;
    let value = 0n;
    if (variance < 0n) {
      const pick = pickFor(item, batch);
      const issued = takeOut(work, item, input.warehouse, -variance, pick, `${path}.counted`, errors);
      if (!issued) return;
      log.addIssued(index + 1, 'count_adjustment', item, input.warehouse, issued);
      value = -issued.value;
    } else if (variance > 0n) {
      value =
        line.unit_cost === undefined ? position.valueOfFound(variance) : valueAt(variance, line.unit_cost);
      const expiry = line.expiry ?? null;
      // Covering issues beyond stock settles them: the gain enters at what it adds to the stock value.
      value -= position.receive({ quantity: variance, value, batch, expiry });
      log.add({
        lineNo: index + 1,
        moveType: 'count_adjustment',
        item,
        warehouse: input.warehouse,
        batch,
        expiry,
        quantity: variance,
        value,
      });
    }
    lines.push({
      lineNo: index + 1,
      sku: item.sku,
      inventoryAccount: item.inventoryAccount,
      batch,
      book,
      counted: line.counted,
      value,
    });
  });
  return lines;
}

function appendCountRow(
  ctx: CommandContext,
  input: StockCountInput,
  number: string,
  line: CountedLine,
  journalNumber: string | null,
): void {
  ctx.rows.push('stockCountLines', {
    seq: ctx.nextSeq(),
    document_type: STOCK_COUNT_TYPE,
    document_number: number,
    line_no: line.lineNo,
    posting_date: input.date,
    warehouse_code: input.warehouse,
    item_sku: line.sku,
    batch: line.batch,
    book_quantity: formatQuantity(line.book),
    counted_quantity: formatQuantity(line.counted),
    variance_quantity: formatQuantity(line.counted - line.book),
    variance_value: formatMoney(line.value),
    journal_number: journalNumber,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
}
