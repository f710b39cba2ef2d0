// Raising a sales order (draft): lines priced with their discount and output tax in exact cents, a number
// from the series, promised dates, and the `created` event of the order-to-cash case.
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { checkWarehouse, formatMicros, formatQuantity, lineItem } from '../inventory/index.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { appendSalesOrderEvent, SALES_ORDER_TYPE } from './order-state.ts';
import { discountBasisPoints, formatPercent, type PricedLine, priceLine, taxCode } from './pricing.ts';
import type { SalesOrderInput } from './schema.ts';

interface OrderLine extends PricedLine {
  input: SalesOrderInput['lines'][number];
  promised: string;
}

export function salesOrderCommand(actor: Actor, input: SalesOrderInput): Command {
  return {
    name: 'sales_order.create',
    ...actor,
    request: input,
    run(ctx): CommandResult {
      const errors = new ErrorList();
      checkCustomer(ctx, input.customer, errors);
      checkWarehouse(ctx, input.warehouse, 'warehouse', errors);
      const lines = priceLines(ctx, input, errors);
      errors.throwIfAny('the sales order cannot be raised');
      const number = assignNumber(ctx, SALES_ORDER_TYPE, input.date).documentNumber;
      const totals = appendOrderRows(ctx, input, number, lines);
      appendSalesOrderEvent(ctx, number, input.date, { event: 'created', status: 'draft' });
      const body = {
        id: number,
        number,
        status: 'draft',
        customer: input.customer,
        net_amount: formatMoney(totals.net),
        tax_amount: formatMoney(totals.tax),
        gross_amount: formatMoney(totals.net + totals.tax),
      };
      return { status: 201, body, documentType: SALES_ORDER_TYPE, documentNumber: number };
    },
  };
}

export function checkCustomer(ctx: CommandContext, code: string, errors: ErrorList, path = 'customer') {
  const customer = ctx.state.masterData.customers.get(code);
  if (!customer) errors.add(path, 'customer_not_found', `no customer ${code}`);
  else if (!customer.isActive) errors.add(path, 'customer_inactive', `customer ${code} is no longer active`);
  return customer;
}

function priceLines(ctx: CommandContext, input: SalesOrderInput, errors: ErrorList): OrderLine[] {
  const lines: OrderLine[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const item = lineItem(ctx, line.item, undefined, path, errors);
    const tax = taxCode(ctx.state, line.tax_code);
    if (!tax) errors.add(`${path}.tax_code`, 'tax_code_not_found', `no tax code ${line.tax_code}`);
    const promised = line.promised_date ?? input.requested_date ?? input.date;
    if (promised < input.date) {
      errors.add(
        `${path}.promised_date`,
        'promised_before_order',
        'a line is promised on or after the order',
      );
    }
    if (!item || !tax) return;
    const priced = priceLine(
      line.quantity,
      line.unit_price,
      discountBasisPoints(line.discount_percent),
      tax.rateBp,
    );
    lines.push({ ...priced, input: line, promised });
  });
  return lines;
}

function appendOrderRows(ctx: CommandContext, input: SalesOrderInput, number: string, lines: OrderLine[]) {
  const provenance = {
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  };
  const net = lines.reduce((sum, line) => sum + line.net, 0n);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0n);
  ctx.rows.push('salesOrders', {
    seq: ctx.nextSeq(),
    document_type: SALES_ORDER_TYPE,
    document_number: number,
    posting_date: input.date,
    customer_code: input.customer,
    warehouse_code: input.warehouse,
    salesperson: ctx.state.masterData.customers.get(input.customer)?.salesperson ?? null,
    currency: ctx.state.settings.currency,
    net_amount: formatMoney(net),
    tax_amount: formatMoney(tax),
    gross_amount: formatMoney(net + tax),
    customer_reference: input.customer_reference ?? null,
    memo: input.memo ?? null,
    ...provenance,
  });
  lines.forEach((line, index) => {
    ctx.rows.push('salesOrderLines', {
      seq: ctx.nextSeq(),
      document_type: SALES_ORDER_TYPE,
      document_number: number,
      line_no: index + 1,
      posting_date: input.date,
      item_sku: line.input.item,
      quantity: formatQuantity(line.input.quantity),
      unit_price: formatMicros(line.input.unit_price),
      discount_percent: formatPercent(discountBasisPoints(line.input.discount_percent)),
      net_amount: formatMoney(line.net),
      tax_code: line.input.tax_code,
      tax_amount: formatMoney(line.tax),
      promised_date: line.promised,
      ...provenance,
    });
  });
  return { net, tax };
}
