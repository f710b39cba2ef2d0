// Customer invoices from deliveries: every shipment line of an order not billed yet (or those of the named
// shipments) becomes an invoice line at the order's price, discount and tax code, carrying the cost its
// shipment posted. Dr receivables (gross) / Cr revenue (net) / Cr output tax. Nothing delivered, nothing billed.
import { addDays } from '../dates.ts';
import { ErrorList } from '../errors.ts';
import { factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMicros, formatQuantity } from '../inventory/index.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, categoryAccount, postedJson, postingAccount } from '../postings.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { checkDeclaredCustomer, customerKey, salesOrderKey } from './keys.ts';
import {
  appendSalesOrderEvent,
  deliveryStatus,
  type OrderShipmentLine,
  readSalesOrder,
  SALES_ORDERS,
  type SalesOrderLine,
  type SalesOrderState,
  type SalesOrderStatus,
} from './order-state.ts';
import { formatPercent, shareOf } from './pricing.ts';
import type { CustomerInvoiceInput } from './schema.ts';

export const CUSTOMER_INVOICE_TYPE = 'customer-invoice';

export interface BilledLine {
  orderLine: SalesOrderLine;
  shipment: string;
  shipmentLine: number;
  quantity: bigint;
  net: bigint;
  tax: bigint;
  cost: bigint;
  revenueAccount: string;
  taxAccount: string;
}

export function customerInvoiceCommand(
  actor: Actor,
  input: CustomerInvoiceInput,
  customerCode: string,
): Command {
  return {
    name: 'customer_invoice.post',
    ...actor,
    request: input,
    // Reads the order, its shipments and what earlier invoices billed; bills the customer (its exposure).
    keys: [salesOrderKey(input.order), customerKey(customerCode)],
    reads: [factRead(SALES_ORDERS, input.order)],
    async run(ctx): Promise<CommandResult> {
      const order = await readSalesOrder(ctx, input.order);
      checkDeclaredCustomer(customerCode, order.customer, order.number);
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      if (order.status === 'draft' || order.status === 'cancelled') {
        errors.add('order', 'order_not_invoiceable', `order ${order.number} is ${order.status}`);
      }
      const unbilled = unbilledShipmentLines(order, input, errors);
      errors.throwIfAny('the customer invoice cannot be posted');
      const lines = billLines(ctx, order, unbilled);
      const customer = ctx.state.masterData.customers.get(order.customer);
      const receivables = customer?.receivablesAccount ?? postingAccount(ctx.state, 'receivables');
      const number = assignNumber(ctx, CUSTOMER_INVOICE_TYPE, input.date).documentNumber;
      const net = lines.reduce((sum, line) => sum + line.net, 0n);
      const tax = lines.reduce((sum, line) => sum + line.tax, 0n);
      const journal = appendPostings(ctx, {
        date: input.date,
        memo: `Invoice ${number} to ${order.customer} for ${order.number}`,
        sourceDocumentType: CUSTOMER_INVOICE_TYPE,
        sourceDocumentNumber: number,
        postings: [
          { account: receivables, amount: net + tax, party: order.customer },
          ...lines.flatMap((line) => [
            { account: line.revenueAccount, amount: -line.net, party: order.customer },
            { account: line.taxAccount, amount: -line.tax },
          ]),
        ],
      });
      const dueDate = input.due_date ?? addDays(input.date, customer?.paymentTermsDays ?? 0);
      const header = { number, date: input.date, dueDate, receivables, journal: journal?.number ?? '' };
      appendInvoiceRows(ctx, order, header, lines);
      const status = invoicedStatus(order);
      appendSalesOrderEvent(ctx, order.number, input.date, {
        event: 'invoiced',
        status,
        causedBy: { type: CUSTOMER_INVOICE_TYPE, number },
      });
      const body = {
        id: number,
        number,
        order_status: status,
        net_amount: formatMoney(net),
        tax_amount: formatMoney(tax),
        gross_amount: formatMoney(net + tax),
        due_date: dueDate,
        journal: journal ? postedJson(journal) : null,
      };
      return { status: 201, body, documentType: CUSTOMER_INVOICE_TYPE, documentNumber: number };
    },
  };
}

/** Shipment lines of the order that no invoice has billed; refuses named shipments that cannot be billed. */
function unbilledShipmentLines(order: SalesOrderState, input: CustomerInvoiceInput, errors: ErrorList) {
  const rows = order.shipmentLines;
  const named = input.shipments ? new Set(input.shipments) : null;
  (input.shipments ?? []).forEach((shipment, index) => {
    const own = rows.filter((row) => row.shipment === shipment);
    if (own.length === 0) {
      errors.add(
        `shipments.${index}`,
        'shipment_not_of_order',
        `${shipment} is no shipment of ${input.order}`,
      );
    } else if (own.every((row) => row.isBilled)) {
      errors.add(`shipments.${index}`, 'shipment_already_invoiced', `${shipment} is billed already`);
    }
  });
  const open = rows.filter((row) => !row.isBilled && (!named || named.has(row.shipment)));
  if (open.length === 0 && errors.isEmpty) {
    errors.add('order', 'invoice_without_delivery', `order ${input.order} has no delivery left to invoice`);
  }
  return open;
}

/** Prices each shipment line as its share of the order line; the order lines' invoiced totals grow as it goes. */
function billLines(ctx: CommandContext, order: SalesOrderState, unbilled: OrderShipmentLine[]): BilledLine[] {
  return unbilled.map((shipped) => {
    const orderLine = order.lines.find((line) => line.lineNo === shipped.orderLineNo) as SalesOrderLine;
    const net = shareOf(
      orderLine.net,
      orderLine.ordered,
      orderLine.invoiced,
      orderLine.invoicedNet,
      shipped.quantity,
    );
    const tax = shareOf(
      orderLine.tax,
      orderLine.ordered,
      orderLine.invoiced,
      orderLine.invoicedTax,
      shipped.quantity,
    );
    orderLine.invoiced += shipped.quantity;
    orderLine.invoicedNet += net;
    orderLine.invoicedTax += tax;
    const category = ctx.state.masterData.items.get(orderLine.sku)?.category ?? '';
    return {
      orderLine,
      shipment: shipped.shipment,
      shipmentLine: shipped.lineNo,
      quantity: shipped.quantity,
      net,
      tax,
      cost: shipped.cost,
      revenueAccount: categoryAccount(ctx.state, 'revenue', category),
      taxAccount:
        ctx.state.taxCodes.get(orderLine.taxCode)?.account ?? postingAccount(ctx.state, 'output_tax'),
    };
  });
}

/** A closed order stays closed (billing what it delivered before closing); else invoiced once all is billed. */
function invoicedStatus(order: SalesOrderState): SalesOrderStatus {
  if (order.status === 'closed') return 'closed';
  const isFullyInvoiced = order.lines.every(
    (line) => line.shipped >= line.ordered && line.invoiced >= line.ordered,
  );
  return isFullyInvoiced ? 'invoiced' : deliveryStatus(order.lines);
}

interface InvoiceHeader {
  number: string;
  date: string;
  dueDate: string;
  receivables: string;
  journal: string;
}

function appendInvoiceRows(
  ctx: CommandContext,
  order: SalesOrderState,
  header: InvoiceHeader,
  lines: BilledLine[],
) {
  const provenance = {
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  };
  const net = lines.reduce((sum, line) => sum + line.net, 0n);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0n);
  ctx.rows.push('customerInvoices', {
    seq: ctx.nextSeq(),
    document_type: CUSTOMER_INVOICE_TYPE,
    document_number: header.number,
    posting_date: header.date,
    kind: 'invoice',
    customer_code: order.customer,
    order_number: order.number,
    credited_invoice_number: null,
    due_date: header.dueDate,
    net_amount: formatMoney(net),
    tax_amount: formatMoney(tax),
    gross_amount: formatMoney(net + tax),
    receivables_account: header.receivables,
    reason: null,
    journal_number: header.journal,
    ...provenance,
  });
  lines.forEach((line, index) => {
    ctx.rows.push('customerInvoiceLines', {
      seq: ctx.nextSeq(),
      document_type: CUSTOMER_INVOICE_TYPE,
      document_number: header.number,
      line_no: index + 1,
      posting_date: header.date,
      kind: 'invoice',
      customer_code: order.customer,
      order_number: order.number,
      order_line_no: line.orderLine.lineNo,
      shipment_number: line.shipment,
      shipment_line_no: line.shipmentLine,
      credited_invoice_number: null,
      credited_line_no: null,
      item_sku: line.orderLine.sku,
      quantity: formatQuantity(line.quantity),
      unit_price: formatMicros(line.orderLine.priceMicros),
      discount_percent: formatPercent(line.orderLine.discountBp),
      net_amount: formatMoney(line.net),
      tax_code: line.orderLine.taxCode,
      tax_amount: formatMoney(line.tax),
      cost_amount: formatMoney(line.cost),
      revenue_account: line.revenueAccount,
      ...provenance,
    });
  });
}
