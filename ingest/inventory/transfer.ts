// Transfers between warehouses: stock leaves one warehouse at its cost and enters the other at the same cost,
// batch and expiry; the value does not change, and with one inventory account per item no journal is needed.
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, type Posting, postedJson, postingAccount } from '../postings.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { checkWarehouse, INVENTORY_PROCESS, lineItem, MoveLog, pickFor, takeOut } from './moves.ts';
import { formatQuantity } from './quantity.ts';
import type { StockTransferInput } from './schema.ts';
import { StockWork } from './stock-state.ts';

export const STOCK_TRANSFER_TYPE = 'stock-transfer';

export function stockTransferCommand(actor: Actor, input: StockTransferInput): Command {
  return {
    name: 'stock.transfer',
    ...actor,
    request: input,
    run(ctx): CommandResult {
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      checkWarehouse(ctx, input.from_warehouse, 'from_warehouse', errors);
      checkWarehouse(ctx, input.to_warehouse, 'to_warehouse', errors);
      errors.throwIfAny('the transfer cannot be posted');
      const number = assignNumber(ctx, STOCK_TRANSFER_TYPE, input.date).documentNumber;
      const log = new MoveLog(ctx, STOCK_TRANSFER_TYPE, number, input.date);
      const settlements = moveLines(ctx, input, number, log, errors);
      errors.throwIfAny('the transfer cannot be posted');
      const journal = postSettlements(ctx, input, number, settlements);
      appendProcessEvent(ctx, {
        process: INVENTORY_PROCESS,
        caseId: number,
        activity: 'stock_transferred',
        documentType: STOCK_TRANSFER_TYPE,
        documentNumber: number,
        postingDate: input.date,
      });
      const body = { id: number, number, moves: log.json(), journal: journal ? postedJson(journal) : null };
      return { status: 201, body, documentType: STOCK_TRANSFER_TYPE, documentNumber: number };
    },
  };
}

function moveLines(
  ctx: CommandContext,
  input: StockTransferInput,
  number: string,
  log: MoveLog,
  errors: ErrorList,
): Posting[] {
  const work = new StockWork(ctx);
  const settlements: Posting[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const item = lineItem(ctx, line.item, line.batch, path, errors);
    if (!item) return;
    const pick = pickFor(item, line.batch);
    const issued = takeOut(work, item, input.from_warehouse, line.quantity, pick, `${path}.quantity`, errors);
    if (!issued) return;
    log.addIssued(index + 1, 'transfer_out', item, input.from_warehouse, issued);
    const target = work.position(item, input.to_warehouse);
    for (const part of issued.consumed) {
      const receipt = { quantity: part.quantity, value: part.value, batch: part.batch, expiry: part.expiry };
      const settlement = target.receive(receipt);
      settlements.push({ account: item.inventoryAccount, amount: settlement });
      log.add({
        lineNo: index + 1,
        moveType: 'transfer_in',
        item,
        warehouse: input.to_warehouse,
        batch: part.batch,
        expiry: part.expiry,
        quantity: part.quantity,
        value: part.value - settlement,
      });
    }
    ctx.rows.push('stockTransferLines', {
      seq: ctx.nextSeq(),
      document_type: STOCK_TRANSFER_TYPE,
      document_number: number,
      line_no: index + 1,
      posting_date: input.date,
      from_warehouse: input.from_warehouse,
      to_warehouse: input.to_warehouse,
      item_sku: item.sku,
      batch: line.batch ?? null,
      quantity: formatQuantity(line.quantity),
      value: formatMoney(issued.value),
      memo: input.memo ?? null,
      recorded_at: ctx.recordedAt,
      user_name: ctx.user,
      idempotency_key: ctx.idempotencyKey,
    });
  });
  return settlements;
}

/**
 * Stock moved into a warehouse that had issued beyond its stock settles that backlog; what it cost more or
 * less than the backlog was booked at leaves the inventory account for inventory differences. Without such
 * a backlog a transfer changes no value and posts nothing.
 */
function postSettlements(
  ctx: CommandContext,
  input: StockTransferInput,
  number: string,
  settlements: Posting[],
) {
  const differences = postingAccount(ctx.state, 'inventory_differences');
  return appendPostings(ctx, {
    date: input.date,
    memo: `Stock transfer ${number}: settles stock issued beyond stock in ${input.to_warehouse}`,
    sourceDocumentType: STOCK_TRANSFER_TYPE,
    sourceDocumentNumber: number,
    postings: settlements.flatMap((posting) => [
      { account: posting.account, amount: -posting.amount },
      { account: differences, amount: posting.amount },
    ]),
  });
}
