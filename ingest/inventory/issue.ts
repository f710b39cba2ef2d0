// Stock issues to a department or person (Dr expense / Cr inventory at the cost of the stock taken), and
// returns of unused goods, which come back at the cost they left with (Dr inventory / Cr expense).
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, type Posting, postedJson, postingAccount } from '../postings.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import {
  checkDimensions,
  checkPostable,
  checkWarehouse,
  INVENTORY_PROCESS,
  lineItem,
  MoveLog,
  pickFor,
  takeOut,
} from './moves.ts';
import { formatQuantity } from './quantity.ts';
import { loadReturnable, type Returnable, returnValue } from './returns.ts';
import type { StockIssueInput } from './schema.ts';
import { StockWork } from './stock-state.ts';

export const STOCK_ISSUE_TYPE = 'stock-issue';

interface IssuedLine {
  lineNo: number;
  sku: string;
  batch: string | null;
  quantity: bigint;
  value: bigint;
  expenseAccount: string;
  returnsLine: number | null;
  /** A return covering earlier issues beyond stock: what it cost more (+) or less than they were booked at. */
  settlement: bigint;
}

export function stockIssueCommand(actor: Actor, input: StockIssueInput): Command {
  return {
    name: input.kind === 'return' ? 'stock.return' : 'stock.issue',
    ...actor,
    request: input,
    // A return reads the issue it refers to from the facts.
    exclusive: input.kind === 'return',
    async run(ctx): Promise<CommandResult> {
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      checkWarehouse(ctx, input.warehouse, 'warehouse', errors);
      checkDimensions(ctx, input, errors);
      if (input.expense_account) checkPostable(ctx, input.expense_account, 'expense_account', errors);
      const returnable =
        input.kind === 'return' ? await loadReturnable(ctx.db, input.returns ?? '', input, errors) : null;
      errors.throwIfAny('the stock issue cannot be posted');
      const number = assignNumber(ctx, STOCK_ISSUE_TYPE, input.date).documentNumber;
      const log = new MoveLog(ctx, STOCK_ISSUE_TYPE, number, input.date);
      const lines = returnable
        ? returnLines(ctx, input, returnable, log, errors)
        : issueLines(ctx, input, log, errors);
      errors.throwIfAny('the stock issue cannot be posted');
      const journal = postIssueJournal(ctx, input, number, lines);
      appendIssueRows(ctx, input, number, lines, journal?.number ?? null);
      appendProcessEvent(ctx, {
        process: INVENTORY_PROCESS,
        caseId: number,
        activity: input.kind === 'return' ? 'goods_returned' : 'stock_issued',
        documentType: STOCK_ISSUE_TYPE,
        documentNumber: number,
        postingDate: input.date,
      });
      const body = {
        id: number,
        number,
        kind: input.kind,
        moves: log.json(),
        journal: journal ? postedJson(journal) : null,
      };
      return { status: 201, body, documentType: STOCK_ISSUE_TYPE, documentNumber: number };
    },
  };
}

function issueLines(ctx: CommandContext, input: StockIssueInput, log: MoveLog, errors: ErrorList) {
  const work = new StockWork(ctx);
  const lines: IssuedLine[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const item = lineItem(ctx, line.item, line.batch, path, errors);
    if (line.expense_account) checkPostable(ctx, line.expense_account, `${path}.expense_account`, errors);
    if (!item) return;
    const pick = pickFor(item, line.batch);
    const issued = takeOut(work, item, input.warehouse, line.quantity, pick, `${path}.quantity`, errors);
    if (!issued) return;
    log.addIssued(index + 1, 'issue', item, input.warehouse, issued);
    lines.push({
      lineNo: index + 1,
      sku: item.sku,
      batch: line.batch ?? null,
      quantity: line.quantity,
      value: issued.value,
      expenseAccount: line.expense_account ?? input.expense_account ?? item.expenseAccount,
      returnsLine: null,
      settlement: 0n,
    });
  });
  return lines;
}

function returnLines(
  ctx: CommandContext,
  input: StockIssueInput,
  returnable: Returnable,
  log: MoveLog,
  errors: ErrorList,
) {
  const work = new StockWork(ctx);
  const lines: IssuedLine[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const item = lineItem(ctx, line.item, line.batch, path, errors);
    if (!item) return;
    if (item.isBatchTracked && line.batch === undefined) {
      errors.add(`${path}.batch`, 'batch_required', `name the batch of ${item.sku} that comes back`);
      return;
    }
    const source = returnable.take(item.sku, line.batch ?? null, line.quantity, `${path}.quantity`, errors);
    if (!source) return;
    const value = returnValue(source, line.quantity);
    const settlement = work.position(item, input.warehouse).receive({
      quantity: line.quantity,
      value,
      batch: source.batch,
      expiry: source.expiry,
    });
    log.add({
      lineNo: index + 1,
      moveType: 'return',
      item,
      warehouse: input.warehouse,
      batch: source.batch,
      expiry: source.expiry,
      quantity: line.quantity,
      value: value - settlement,
    });
    lines.push({
      lineNo: index + 1,
      sku: item.sku,
      batch: source.batch,
      quantity: line.quantity,
      value,
      expenseAccount: source.expenseAccount,
      returnsLine: source.lineNo,
      settlement,
    });
  });
  return lines;
}

/** Issue: Dr expense / Cr inventory; return: the reverse. Dimensions go on the expense side. */
function postIssueJournal(ctx: CommandContext, input: StockIssueInput, number: string, lines: IssuedLine[]) {
  const sign = input.kind === 'return' ? -1n : 1n;
  const differences = postingAccount(ctx.state, 'inventory_differences');
  const postings: Posting[] = lines.flatMap((line) => {
    const item = ctx.state.masterData.items.get(line.sku);
    return [
      {
        account: line.expenseAccount,
        amount: sign * line.value,
        department: input.department,
        cost_center: input.cost_center,
      },
      { account: item?.inventoryAccount ?? '', amount: -sign * line.value - line.settlement },
      { account: differences, amount: line.settlement },
    ];
  });
  const what = input.kind === 'return' ? 'Return to stock' : 'Stock issue';
  return appendPostings(ctx, {
    date: input.date,
    memo: `${what} ${number}${input.person ? ` (${input.person})` : ''}`,
    sourceDocumentType: STOCK_ISSUE_TYPE,
    sourceDocumentNumber: number,
    postings,
  });
}

function appendIssueRows(
  ctx: CommandContext,
  input: StockIssueInput,
  number: string,
  lines: IssuedLine[],
  journalNumber: string | null,
): void {
  for (const line of lines) {
    ctx.rows.push('stockIssueLines', {
      seq: ctx.nextSeq(),
      document_type: STOCK_ISSUE_TYPE,
      document_number: number,
      line_no: line.lineNo,
      posting_date: input.date,
      kind: input.kind,
      warehouse_code: input.warehouse,
      item_sku: line.sku,
      batch: line.batch,
      quantity: formatQuantity(line.quantity),
      value: formatMoney(line.value),
      expense_account: line.expenseAccount,
      department: input.department ?? null,
      cost_center: input.cost_center ?? null,
      person: input.person ?? null,
      returns_document_number: input.returns ?? null,
      returns_line_no: line.returnsLine,
      journal_number: journalNumber,
      memo: input.memo ?? null,
      recorded_at: ctx.recordedAt,
      user_name: ctx.user,
      idempotency_key: ctx.idempotencyKey,
    });
  }
}
