// Goods receipts against order lines: what arrived, what inspection accepted and rejected, batch and expiry
// where tracked. Accepted stock enters the warehouse at the order price (Dr inventory / Cr goods received not
// invoiced); more than the order allows (its quantity plus the supplier's tolerance) is refused.
import { conflict, ErrorList } from '../errors.ts';
import { factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import {
  checkWarehouse,
  formatMicros,
  formatQuantity,
  lineItem,
  MoveLog,
  StockWork,
  valueAt,
} from '../inventory/index.ts';
import type { ItemRecord } from '../masterdata/records.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, postedJson, postingAccount } from '../postings.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { type OrderLine, type OrderState, orderKey, PURCHASE_ORDERS, readOrder } from './order-state.ts';
import { appendOrderEvent } from './orders.ts';
import type { GoodsReceiptInput } from './schema.ts';

export const GOODS_RECEIPT_TYPE = 'goods-receipt';

interface ReceivedLine {
  orderLine: OrderLine;
  item: ItemRecord;
  received: bigint;
  accepted: bigint;
  rejected: bigint;
  batch: string | null;
  expiry: string | null;
  value: bigint;
  /** What covering earlier issues beyond stock cost more (+) or less than they were booked at. */
  settlement: bigint;
}

export function goodsReceiptCommand(actor: Actor, input: GoodsReceiptInput): Command {
  return {
    name: 'goods_receipt.post',
    ...actor,
    request: input,
    // Reads the order's facts: its status and what earlier receipts accepted.
    keys: [orderKey(input.order)],
    reads: [factRead(PURCHASE_ORDERS, input.order)],
    async run(ctx): Promise<CommandResult> {
      const order = await readOrder(ctx, input.order);
      if (order.status !== 'sent' && order.status !== 'partly_received') {
        throw conflict('order_not_open_for_receipt', `order ${order.number} is ${order.status}`, 'order');
      }
      const errors = new ErrorList();
      const warehouse = input.warehouse ?? order.warehouse;
      checkPostingDate(ctx.state, input.date, errors);
      checkWarehouse(ctx, warehouse, 'warehouse', errors);
      const lines = receivedLines(ctx, input, order, errors);
      errors.throwIfAny('the goods receipt cannot be posted');
      const number = assignNumber(ctx, GOODS_RECEIPT_TYPE, input.date).documentNumber;
      const log = new MoveLog(ctx, GOODS_RECEIPT_TYPE, number, input.date);
      const work = new StockWork(ctx);
      for (const [index, line] of lines.entries()) {
        if (line.accepted === 0n) continue;
        const stock = { quantity: line.accepted, value: line.value, batch: line.batch, expiry: line.expiry };
        line.settlement = work.position(line.item, warehouse).receive(stock);
        const move = { ...stock, value: line.value - line.settlement };
        log.add({ lineNo: index + 1, moveType: 'receipt', item: line.item, warehouse, ...move });
      }
      const journal = postReceipt(ctx, input, number, order, lines);
      appendReceiptRows(ctx, input, number, order, warehouse, lines, journal?.number ?? null);
      const status = isFullyReceived(order, lines) ? 'received' : 'partly_received';
      appendOrderEvent(ctx, order.number, input.date, {
        event: status,
        status,
        causedBy: { type: GOODS_RECEIPT_TYPE, number },
      });
      const body = {
        id: number,
        number,
        order_status: status,
        moves: log.json(),
        journal: journal ? postedJson(journal) : null,
      };
      return { status: 201, body, documentType: GOODS_RECEIPT_TYPE, documentNumber: number };
    },
  };
}

function receivedLines(ctx: CommandContext, input: GoodsReceiptInput, order: OrderState, errors: ErrorList) {
  const supplier = ctx.state.masterData.suppliers.get(order.supplier);
  const basisPoints = BigInt(Math.round((supplier?.receiptTolerancePercent ?? 0) * 100));
  const acceptedNow = new Map<number, bigint>();
  const lines: ReceivedLine[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const orderLine = order.lines.find((candidate) => candidate.lineNo === line.order_line);
    if (!orderLine) {
      errors.add(
        `${path}.order_line`,
        'order_line_not_found',
        `order ${order.number} has no line ${line.order_line}`,
      );
      return;
    }
    const item = lineItem(ctx, orderLine.sku, line.batch, path, errors);
    if (!item) return;
    const accepted = line.received - line.rejected;
    const before = orderLine.accepted + (acceptedNow.get(line.order_line) ?? 0n);
    const allowed = orderLine.ordered + (orderLine.ordered * basisPoints) / 10_000n;
    if (before + accepted > allowed) {
      errors.add(
        `${path}.received`,
        'exceeds_open_quantity',
        `${formatQuantity(accepted)} accepted, ${formatQuantity(allowed - before)} still open on line ${line.order_line} (tolerance included)`,
      );
    }
    if (item.isBatchTracked && accepted > 0n && line.batch === undefined) {
      errors.add(`${path}.batch`, 'batch_required', `${item.sku} is batch-tracked; name the batch`);
    }
    acceptedNow.set(line.order_line, before + accepted - orderLine.accepted);
    lines.push({
      orderLine,
      item,
      received: line.received,
      accepted,
      rejected: line.rejected,
      batch: line.batch ?? null,
      expiry: line.expiry ?? null,
      value: valueAt(accepted, orderLine.priceMicros),
      settlement: 0n,
    });
  });
  return lines;
}

function isFullyReceived(order: OrderState, lines: ReceivedLine[]): boolean {
  return order.lines.every((orderLine) => {
    const now = lines
      .filter((line) => line.orderLine.lineNo === orderLine.lineNo)
      .reduce((sum, line) => sum + line.accepted, 0n);
    return orderLine.accepted + now >= orderLine.ordered;
  });
}

function postReceipt(
  ctx: CommandContext,
  input: GoodsReceiptInput,
  number: string,
  order: OrderState,
  lines: ReceivedLine[],
) {
  const grni = postingAccount(ctx.state, 'grni');
  const differences = postingAccount(ctx.state, 'inventory_differences');
  return appendPostings(ctx, {
    date: input.date,
    memo: `Goods receipt ${number} for ${order.number}`,
    sourceDocumentType: GOODS_RECEIPT_TYPE,
    sourceDocumentNumber: number,
    postings: lines.flatMap((line) => [
      { account: line.item.inventoryAccount, amount: line.value - line.settlement },
      { account: differences, amount: line.settlement },
      { account: grni, amount: -line.value, party: order.supplier },
    ]),
  });
}

function appendReceiptRows(
  ctx: CommandContext,
  input: GoodsReceiptInput,
  number: string,
  order: OrderState,
  warehouse: string,
  lines: ReceivedLine[],
  journalNumber: string | null,
): void {
  lines.forEach((line, index) => {
    ctx.rows.push('goodsReceiptLines', {
      seq: ctx.nextSeq(),
      document_type: GOODS_RECEIPT_TYPE,
      document_number: number,
      line_no: index + 1,
      posting_date: input.date,
      order_number: order.number,
      order_line_no: line.orderLine.lineNo,
      supplier_code: order.supplier,
      item_sku: line.item.sku,
      warehouse_code: warehouse,
      quantity_received: formatQuantity(line.received),
      quantity_accepted: formatQuantity(line.accepted),
      quantity_rejected: formatQuantity(line.rejected),
      batch: line.batch,
      expiry_date: line.expiry,
      unit_price: formatMicros(line.orderLine.priceMicros),
      value: formatMoney(line.value),
      journal_number: journalNumber,
      recorded_at: ctx.recordedAt,
      user_name: ctx.user,
      idempotency_key: ctx.idempotencyKey,
    });
  });
}
