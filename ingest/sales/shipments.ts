// Shipments (delivery notes) against sales order lines: the stock leaves the warehouse at its valuation cost,
// batches picked by name, else earliest expiry, else FIFO (Dr cost of goods sold / Cr inventory). Shipping
// beyond what the order line still has open, or beyond the stock, is refused.
import { conflict, ErrorList } from '../errors.ts';
import { factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import {
  checkWarehouse,
  formatQuantity,
  lineItem,
  MoveLog,
  pickFor,
  StockWork,
  takeOut,
} from '../inventory/index.ts';
import type { ItemRecord } from '../masterdata/records.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, categoryAccount, postedJson } from '../postings.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { salesOrderKey } from './keys.ts';
import {
  appendSalesOrderEvent,
  deliveryStatus,
  readSalesOrder,
  SALES_ORDERS,
  type SalesOrderLine,
  type SalesOrderState,
} from './order-state.ts';
import type { ShipmentInput } from './schema.ts';

export const SHIPMENT_TYPE = 'shipment';

interface ShippedLine {
  orderLine: SalesOrderLine;
  item: ItemRecord;
  quantity: bigint;
  cost: bigint;
  cogsAccount: string;
}

export function shipmentCommand(actor: Actor, input: ShipmentInput): Command {
  return {
    name: 'shipment.post',
    ...actor,
    request: input,
    // Reads the order's facts: its status and what earlier shipments delivered. The stock it takes is the
    // writer's state. Its status change (to partly delivered or delivered) keeps the order among the open ones
    // a confirmation counts, so the customer's exposure does not change and needs no key.
    keys: [salesOrderKey(input.order)],
    reads: [factRead(SALES_ORDERS, input.order)],
    async run(ctx): Promise<CommandResult> {
      const order = await readSalesOrder(ctx, input.order);
      if (order.status !== 'confirmed' && order.status !== 'partly_delivered') {
        throw conflict('order_not_open_for_delivery', `order ${order.number} is ${order.status}`, 'order');
      }
      const errors = new ErrorList();
      const warehouse = input.warehouse ?? order.warehouse;
      checkPostingDate(ctx.state, input.date, errors);
      checkWarehouse(ctx, warehouse, 'warehouse', errors);
      const number = assignNumber(ctx, SHIPMENT_TYPE, input.date).documentNumber;
      const log = new MoveLog(ctx, SHIPMENT_TYPE, number, input.date);
      const lines = shipLines(ctx, input, order, warehouse, log, errors);
      errors.throwIfAny('the shipment cannot be posted');
      const journal = appendPostings(ctx, {
        date: input.date,
        memo: `Shipment ${number} for ${order.number} to ${order.customer}`,
        sourceDocumentType: SHIPMENT_TYPE,
        sourceDocumentNumber: number,
        postings: lines.flatMap((line) => [
          { account: line.cogsAccount, amount: line.cost, party: order.customer },
          { account: line.item.inventoryAccount, amount: -line.cost },
        ]),
      });
      appendShipmentRows(ctx, input, number, order, warehouse, lines, journal?.number ?? null);
      const status = deliveryStatus(order.lines);
      appendSalesOrderEvent(ctx, order.number, input.date, {
        event: status,
        status,
        causedBy: { type: SHIPMENT_TYPE, number },
      });
      const body = {
        id: number,
        number,
        order_status: status,
        cost_amount: formatMoney(lines.reduce((sum, line) => sum + line.cost, 0n)),
        moves: log.json(),
        journal: journal ? postedJson(journal) : null,
      };
      return { status: 201, body, documentType: SHIPMENT_TYPE, documentNumber: number };
    },
  };
}

/** Checks each line against the order and takes the stock out; the order lines' `shipped` grow as it goes. */
function shipLines(
  ctx: CommandContext,
  input: ShipmentInput,
  order: SalesOrderState,
  warehouse: string,
  log: MoveLog,
  errors: ErrorList,
): ShippedLine[] {
  const work = new StockWork(ctx);
  const lines: ShippedLine[] = [];
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
    const open = orderLine.ordered - orderLine.shipped;
    if (line.quantity > open) {
      errors.add(
        `${path}.quantity`,
        'exceeds_open_quantity',
        `${formatQuantity(line.quantity)} shipped, ${formatQuantity(open)} still open on line ${line.order_line}`,
      );
      return;
    }
    const pick = pickFor(item, line.batch);
    const issued = takeOut(work, item, warehouse, line.quantity, pick, `${path}.quantity`, errors);
    if (!issued) return;
    orderLine.shipped += line.quantity;
    log.addIssued(index + 1, 'issue', item, warehouse, issued);
    const cogsAccount = categoryAccount(ctx.state, 'cogs', item.category);
    lines.push({ orderLine, item, quantity: line.quantity, cost: issued.value, cogsAccount });
  });
  return lines;
}

function appendShipmentRows(
  ctx: CommandContext,
  input: ShipmentInput,
  number: string,
  order: SalesOrderState,
  warehouse: string,
  lines: ShippedLine[],
  journalNumber: string | null,
): void {
  lines.forEach((line, index) => {
    ctx.rows.push('shipmentLines', {
      seq: ctx.nextSeq(),
      document_type: SHIPMENT_TYPE,
      document_number: number,
      line_no: index + 1,
      posting_date: input.date,
      order_number: order.number,
      order_line_no: line.orderLine.lineNo,
      customer_code: order.customer,
      item_sku: line.item.sku,
      warehouse_code: warehouse,
      quantity: formatQuantity(line.quantity),
      cost_amount: formatMoney(line.cost),
      cogs_account: line.cogsAccount,
      journal_number: journalNumber,
      recorded_at: ctx.recordedAt,
      user_name: ctx.user,
      idempotency_key: ctx.idempotencyKey,
    });
  });
}
