// Supplier invoices, matched three ways (order, receipt, invoice) line by line: what was received and not
// yet billed, at a price within the supplier's tolerance. Posts Dr GRNI at the order price, the difference to
// the price-variance account, Dr input tax, and Cr payables for the gross amount.
import { addDays } from '../dates.ts';
import { conflict, ErrorList, type FieldError } from '../errors.ts';
import { factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMicros, formatQuantity } from '../inventory/index.ts';
import type { SupplierRecord } from '../masterdata/records.ts';
import { formatMoney } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, postedJson, postingAccount } from '../postings.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { type Matched, matchInvoiceLine } from './match.ts';
import { type OrderState, orderKey, PURCHASE_ORDERS, readOrder } from './order-state.ts';
import { appendOrderEvent } from './orders.ts';
import type { SupplierInvoiceInput } from './schema.ts';

export const SUPPLIER_INVOICE_TYPE = 'supplier-invoice';

interface MatchedLine {
  order: string;
  orderLine: number;
  sku: string;
  quantity: bigint;
  priceMicros: bigint;
  matched: Matched;
}

export function supplierInvoiceCommand(actor: Actor, input: SupplierInvoiceInput): Command {
  return {
    name: 'supplier_invoice.post',
    ...actor,
    request: input,
    // Reads the orders' facts (what was received and what earlier invoices billed) and whether the supplier's
    // reference is booked already.
    keys: [
      ...new Set(input.lines.map((line) => orderKey(line.order))),
      `supplier-reference:${input.supplier}\n${input.supplier_reference}`,
    ],
    reads: [...new Set(input.lines.map((line) => line.order))].map((order) =>
      factRead(PURCHASE_ORDERS, order),
    ),
    async run(ctx): Promise<CommandResult> {
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      const supplier = ctx.state.masterData.suppliers.get(input.supplier);
      if (!supplier) errors.add('supplier', 'supplier_not_found', `no supplier ${input.supplier}`);
      if (input.tax_amount < 0n)
        errors.add('tax_amount', 'amount_must_not_be_negative', 'tax is zero or more');
      await refuseDuplicate(ctx, input);
      const orders = await loadOrders(ctx, input, errors);
      const lines = supplier ? matchLines(input, orders, supplier, errors) : [];
      errors.throwIfAny('the supplier invoice cannot be posted');
      const known = supplier as SupplierRecord;
      const number = assignNumber(ctx, SUPPLIER_INVOICE_TYPE, input.date).documentNumber;
      const net = lines.reduce((sum, line) => sum + line.matched.billed, 0n);
      const gross = net + input.tax_amount;
      const journal = postInvoice(ctx, input, number, known, lines, gross);
      if (!journal) throw conflict('nothing_to_invoice', 'the invoice has no amount to post');
      const dueDate = input.due_date ?? addDays(input.date, known.paymentTermsDays);
      appendInvoiceRows(ctx, input, number, { net, gross, dueDate, journal: journal.number }, lines);
      for (const order of orders.keys()) {
        appendOrderEvent(ctx, order, input.date, {
          event: 'invoiced',
          status: orders.get(order)?.status ?? 'received',
          causedBy: { type: SUPPLIER_INVOICE_TYPE, number },
        });
      }
      const body = {
        id: number,
        number,
        net_amount: formatMoney(net),
        tax_amount: formatMoney(input.tax_amount),
        gross_amount: formatMoney(gross),
        price_variance: formatMoney(lines.reduce((sum, line) => sum + line.matched.variance, 0n)),
        due_date: dueDate,
        journal: postedJson(journal),
      };
      return { status: 201, body, documentType: SUPPLIER_INVOICE_TYPE, documentNumber: number };
    },
  };
}

/** A supplier's invoice number is booked once. */
async function refuseDuplicate(ctx: CommandContext, input: SupplierInvoiceInput): Promise<void> {
  const [seen] = await ctx.db.query(
    'select document_number from facts.supplier_invoices where supplier_code = ? and supplier_reference = ?',
    [input.supplier, input.supplier_reference],
  );
  if (seen) {
    throw conflict(
      'duplicate_supplier_invoice',
      `${input.supplier} invoice ${input.supplier_reference} is booked as ${seen.document_number}`,
      'supplier_reference',
    );
  }
}

async function loadOrders(ctx: CommandContext, input: SupplierInvoiceInput, errors: ErrorList) {
  const orders = new Map<string, OrderState>();
  for (const [index, line] of input.lines.entries()) {
    if (orders.has(line.order)) continue;
    const order = await readOrder(ctx, line.order, `lines.${index}.order`);
    if (order.supplier !== input.supplier) {
      errors.add(
        `lines.${index}.order`,
        'order_of_other_supplier',
        `order ${order.number} is ${order.supplier}'s`,
      );
    } else if (order.status === 'draft' || order.status === 'cancelled') {
      errors.add(`lines.${index}.order`, 'order_not_invoiceable', `order ${order.number} is ${order.status}`);
    }
    orders.set(line.order, order);
  }
  return orders;
}

function matchLines(
  input: SupplierInvoiceInput,
  orders: Map<string, OrderState>,
  supplier: SupplierRecord,
  errors: ErrorList,
): MatchedLine[] {
  const tolerance = { pricePercent: supplier.priceTolerancePercent, priceMicros: 0n };
  const lines: MatchedLine[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const orderLine = orders.get(line.order)?.lines.find((candidate) => candidate.lineNo === line.order_line);
    if (!orderLine) {
      errors.add(
        `${path}.order_line`,
        'order_line_not_found',
        `order ${line.order} has no line ${line.order_line}`,
      );
      return;
    }
    const state = {
      ordered: orderLine.ordered,
      priceMicros: orderLine.priceMicros,
      accepted: orderLine.accepted,
      invoiced: orderLine.invoiced,
    };
    const result = matchInvoiceLine(
      state,
      { quantity: line.quantity, priceMicros: line.unit_price },
      tolerance,
      path,
    );
    if (!result.ok) {
      for (const error of result.errors as FieldError[]) errors.add(error.path, error.code, error.message);
      return;
    }
    // A second invoice line on the same order line bills on top of this one.
    orderLine.invoiced += line.quantity;
    lines.push({
      order: line.order,
      orderLine: line.order_line,
      sku: orderLine.sku,
      quantity: line.quantity,
      priceMicros: line.unit_price,
      matched: result.matched,
    });
  });
  return lines;
}

function postInvoice(
  ctx: CommandContext,
  input: SupplierInvoiceInput,
  number: string,
  supplier: SupplierRecord,
  lines: MatchedLine[],
  gross: bigint,
) {
  const grni = postingAccount(ctx.state, 'grni');
  const variance = postingAccount(ctx.state, 'price_variance');
  return appendPostings(ctx, {
    date: input.date,
    memo: `Supplier invoice ${input.supplier_reference} from ${supplier.code}`,
    sourceDocumentType: SUPPLIER_INVOICE_TYPE,
    sourceDocumentNumber: number,
    postings: [
      ...lines.flatMap((line) => [
        { account: grni, amount: line.matched.grni, party: supplier.code },
        { account: variance, amount: line.matched.variance },
      ]),
      { account: postingAccount(ctx.state, 'input_tax'), amount: input.tax_amount },
      { account: supplier.payablesAccount, amount: -gross, party: supplier.code },
    ],
  });
}

function appendInvoiceRows(
  ctx: CommandContext,
  input: SupplierInvoiceInput,
  number: string,
  totals: { net: bigint; gross: bigint; dueDate: string; journal: string },
  lines: MatchedLine[],
): void {
  const provenance = {
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  };
  ctx.rows.push('supplierInvoices', {
    seq: ctx.nextSeq(),
    document_type: SUPPLIER_INVOICE_TYPE,
    document_number: number,
    posting_date: input.date,
    supplier_code: input.supplier,
    supplier_reference: input.supplier_reference,
    due_date: totals.dueDate,
    net_amount: formatMoney(totals.net),
    tax_amount: formatMoney(input.tax_amount),
    gross_amount: formatMoney(totals.gross),
    journal_number: totals.journal,
    ...provenance,
  });
  lines.forEach((line, index) => {
    ctx.rows.push('supplierInvoiceLines', {
      seq: ctx.nextSeq(),
      document_type: SUPPLIER_INVOICE_TYPE,
      document_number: number,
      line_no: index + 1,
      posting_date: input.date,
      order_number: line.order,
      order_line_no: line.orderLine,
      item_sku: line.sku,
      quantity: formatQuantity(line.quantity),
      unit_price: formatMicros(line.priceMicros),
      billed_amount: formatMoney(line.matched.billed),
      grni_amount: formatMoney(line.matched.grni),
      variance_amount: formatMoney(line.matched.variance),
      ...provenance,
    });
  });
}
