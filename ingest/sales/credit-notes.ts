// Credit notes against a customer invoice: revenue and output tax given back line by line (Dr sales returns,
// Dr output tax / Cr receivables); when the goods come back, they re-enter the stock at the cost their
// shipment took out (Dr inventory / Cr cost of goods sold), so the margin of the return is undone to the cent.
import { listValue } from '@duckdb/node-api';
import type { Row } from '../db/database.ts';
import { ErrorList, notFound } from '../errors.ts';
import { type FactSource, factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import { checkWarehouse, formatQuantity, MoveLog, StockWork } from '../inventory/index.ts';
import { type ItemRecord, milli } from '../masterdata/records.ts';
import { formatMoney, minorFromString } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, type Posting, postedJson, postingAccount } from '../postings.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { checkDeclaredCustomer, customerInvoiceKey, customerKey } from './keys.ts';
import { O2C_PROCESS } from './order-state.ts';
import { shareOf } from './pricing.ts';
import type { CreditNoteInput } from './schema.ts';

export const CREDIT_NOTE_TYPE = 'credit-note';

interface CreditableLine {
  lineNo: number;
  orderNumber: string;
  orderLineNo: number;
  shipment: string;
  shipmentLine: number;
  sku: string;
  priceMicros: string;
  discountPercent: string;
  taxCode: string;
  revenueAccount: string;
  cogsAccount: string;
  warehouse: string;
  /** What the invoice line billed, and what credit notes took back so far (thousandths, cents). */
  quantity: bigint;
  net: bigint;
  tax: bigint;
  cost: bigint;
  credited: bigint;
  creditedNet: bigint;
  creditedTax: bigint;
  creditedCost: bigint;
}

interface Invoice {
  number: string;
  customer: string;
  receivables: string;
  lines: CreditableLine[];
}

interface CreditedLine {
  source: CreditableLine;
  item: ItemRecord | undefined;
  quantity: bigint;
  net: bigint;
  tax: bigint;
  cost: bigint;
  settlement: bigint;
  taxAccount: string;
}

export function creditNoteCommand(actor: Actor, input: CreditNoteInput, customer: string): Command {
  return {
    name: 'credit_note.post',
    ...actor,
    request: input,
    // Reads the invoice and what earlier credit notes took back; lowers what is open on the invoice (which
    // receipts read) and the customer's exposure. Orders count invoices only, so the order needs no key.
    keys: [customerInvoiceKey(input.invoice), customerKey(customer)],
    reads: [factRead(CREDITABLE_INVOICES, input.invoice)],
    async run(ctx): Promise<CommandResult> {
      const invoice = await loadCreditable(ctx, input.invoice);
      checkDeclaredCustomer(customer, invoice.customer, invoice.number);
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      if (input.warehouse) checkWarehouse(ctx, input.warehouse, 'warehouse', errors);
      const number = assignNumber(ctx, CREDIT_NOTE_TYPE, input.date).documentNumber;
      const log = new MoveLog(ctx, CREDIT_NOTE_TYPE, number, input.date);
      const lines = creditLines(ctx, input, invoice, log, errors);
      errors.throwIfAny('the credit note cannot be posted');
      const journal = appendPostings(ctx, {
        date: input.date,
        memo: `Credit note ${number} to ${invoice.customer} on ${invoice.number}: ${input.reason}`,
        sourceDocumentType: CREDIT_NOTE_TYPE,
        sourceDocumentNumber: number,
        postings: creditPostings(ctx, invoice, lines),
      });
      appendCreditRows(ctx, input, number, invoice, lines, journal?.number ?? '');
      appendProcessEvent(ctx, {
        process: O2C_PROCESS,
        caseId: invoice.lines[0]?.orderNumber ?? invoice.number,
        activity: input.returns_stock ? 'goods_returned' : 'price_credited',
        documentType: CREDIT_NOTE_TYPE,
        documentNumber: number,
        postingDate: input.date,
      });
      const net = lines.reduce((sum, line) => sum + line.net, 0n);
      const tax = lines.reduce((sum, line) => sum + line.tax, 0n);
      const body = {
        id: number,
        number,
        net_amount: formatMoney(-net),
        tax_amount: formatMoney(-tax),
        gross_amount: formatMoney(-net - tax),
        moves: log.json(),
        journal: journal ? postedJson(journal) : null,
      };
      return { status: 201, body, documentType: CREDIT_NOTE_TYPE, documentNumber: number };
    },
  };
}

/** Per invoice in the list $1: its lines with the shipment they billed and what credit notes took back. */
const CREDITABLE_SQL = `
select i.*, h.receivables_account, s.cogs_account, s.warehouse_code,
       coalesce(c.quantity, 0) as credited, coalesce(c.net, 0) as credited_net,
       coalesce(c.tax, 0) as credited_tax, coalesce(c.cost, 0) as credited_cost
from facts.customer_invoice_lines i
join facts.customer_invoices h on h.document_number = i.document_number
join facts.shipment_lines s on s.document_number = i.shipment_number and s.line_no = i.shipment_line_no
left join (select credited_invoice_number, credited_line_no, -sum(quantity) as quantity, -sum(net_amount) as net,
                  -sum(tax_amount) as tax, -sum(cost_amount) as cost
           from facts.customer_invoice_lines where list_contains($1, credited_invoice_number) group by all) c
  on c.credited_invoice_number = i.document_number and c.credited_line_no = i.line_no
where list_contains($1, i.document_number) and i.kind = 'invoice' order by i.document_number, i.line_no`;

/** Invoices with what is left to credit on each line (Command.reads, by a credit note keyed by the invoice). */
const CREDITABLE_INVOICES: FactSource<Invoice> = {
  name: 'creditable invoices',
  async load(db, numbers) {
    const invoices = new Map<string, Invoice>();
    for (const row of await db.query(CREDITABLE_SQL, [listValue([...numbers])])) {
      const number = String(row.document_number);
      const invoice = invoices.get(number) ?? {
        number,
        customer: String(row.customer_code),
        receivables: String(row.receivables_account),
        lines: [],
      };
      invoices.set(number, invoice);
      invoice.lines.push(creditableLine(row));
    }
    return invoices;
  },
};

function creditableLine(row: Row): CreditableLine {
  const money = (value: unknown) => minorFromString(String(value));
  return {
    lineNo: Number(row.line_no),
    orderNumber: String(row.order_number),
    orderLineNo: Number(row.order_line_no),
    shipment: String(row.shipment_number),
    shipmentLine: Number(row.shipment_line_no),
    sku: String(row.item_sku),
    priceMicros: String(row.unit_price),
    discountPercent: String(row.discount_percent),
    taxCode: String(row.tax_code),
    revenueAccount: String(row.revenue_account),
    cogsAccount: String(row.cogs_account),
    warehouse: String(row.warehouse_code),
    quantity: milli(row.quantity),
    net: money(row.net_amount),
    tax: money(row.tax_amount),
    cost: money(row.cost_amount),
    credited: milli(row.credited),
    creditedNet: money(row.credited_net),
    creditedTax: money(row.credited_tax),
    creditedCost: money(row.credited_cost),
  };
}

async function loadCreditable(ctx: CommandContext, number: string): Promise<Invoice> {
  const invoice = await ctx.read(CREDITABLE_INVOICES, number);
  if (!invoice) throw notFound('invoice_not_found', `no customer invoice ${number}`, 'invoice');
  return invoice;
}

function creditLines(
  ctx: CommandContext,
  input: CreditNoteInput,
  invoice: Invoice,
  log: MoveLog,
  errors: ErrorList,
): CreditedLine[] {
  const work = new StockWork(ctx);
  const lines: CreditedLine[] = [];
  input.lines.forEach((line, index) => {
    const path = `lines.${index}`;
    const source = invoice.lines.find((candidate) => candidate.lineNo === line.invoice_line);
    if (!source) {
      errors.add(
        `${path}.invoice_line`,
        'invoice_line_not_found',
        `${invoice.number} has no line ${line.invoice_line}`,
      );
      return;
    }
    const open = source.quantity - source.credited;
    if (line.quantity > open) {
      errors.add(
        `${path}.quantity`,
        'exceeds_creditable_quantity',
        `${formatQuantity(line.quantity)} credited, ${formatQuantity(open)} invoiced and not yet credited`,
      );
      return;
    }
    const share = (total: bigint, done: bigint) =>
      shareOf(total, source.quantity, source.credited, done, line.quantity);
    const credited: CreditedLine = {
      source,
      item: ctx.state.masterData.items.get(source.sku),
      quantity: line.quantity,
      net: share(source.net, source.creditedNet),
      tax: share(source.tax, source.creditedTax),
      cost: input.returns_stock ? share(source.cost, source.creditedCost) : 0n,
      settlement: 0n,
      taxAccount: ctx.state.taxCodes.get(source.taxCode)?.account ?? postingAccount(ctx.state, 'output_tax'),
    };
    source.credited += line.quantity;
    source.creditedNet += credited.net;
    source.creditedTax += credited.tax;
    source.creditedCost += credited.cost;
    if (input.returns_stock) restock(work, log, input, credited, index, path, errors);
    lines.push(credited);
  });
  return lines;
}

/** The goods come back at the cost they left with, into the warehouse they left (or the one named). */
function restock(
  work: StockWork,
  log: MoveLog,
  input: CreditNoteInput,
  line: CreditedLine,
  index: number,
  path: string,
  errors: ErrorList,
): void {
  const item = line.item;
  if (!item) return;
  if (item.isBatchTracked && input.lines[index]?.batch === undefined) {
    errors.add(`${path}.batch`, 'batch_required', `name the batch of ${item.sku} that comes back`);
    return;
  }
  const warehouse = input.warehouse ?? line.source.warehouse;
  const batch = input.lines[index]?.batch ?? null;
  const stock = { quantity: line.quantity, value: line.cost, batch, expiry: null };
  line.settlement = work.position(item, warehouse).receive(stock);
  log.add({
    lineNo: index + 1,
    moveType: 'return',
    item,
    warehouse,
    ...stock,
    value: line.cost - line.settlement,
  });
}

function creditPostings(ctx: CommandContext, invoice: Invoice, lines: CreditedLine[]): Posting[] {
  const returns = postingAccount(ctx.state, 'sales_returns');
  const differences = postingAccount(ctx.state, 'inventory_differences');
  const gross = lines.reduce((sum, line) => sum + line.net + line.tax, 0n);
  return [
    { account: invoice.receivables, amount: -gross, party: invoice.customer },
    ...lines.flatMap((line) => [
      { account: returns, amount: line.net, party: invoice.customer },
      { account: line.taxAccount, amount: line.tax },
      { account: line.item?.inventoryAccount ?? '', amount: line.cost - line.settlement },
      { account: differences, amount: line.settlement },
      { account: line.source.cogsAccount, amount: -line.cost, party: invoice.customer },
    ]),
  ];
}

function appendCreditRows(
  ctx: CommandContext,
  input: CreditNoteInput,
  number: string,
  invoice: Invoice,
  lines: CreditedLine[],
  journalNumber: string,
): void {
  const provenance = {
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  };
  const net = lines.reduce((sum, line) => sum + line.net, 0n);
  const tax = lines.reduce((sum, line) => sum + line.tax, 0n);
  ctx.rows.push('customerInvoices', {
    seq: ctx.nextSeq(),
    document_type: CREDIT_NOTE_TYPE,
    document_number: number,
    posting_date: input.date,
    kind: 'credit_note',
    customer_code: invoice.customer,
    order_number: invoice.lines[0]?.orderNumber ?? null,
    credited_invoice_number: invoice.number,
    due_date: input.date,
    net_amount: formatMoney(-net),
    tax_amount: formatMoney(-tax),
    gross_amount: formatMoney(-net - tax),
    receivables_account: invoice.receivables,
    reason: input.reason,
    journal_number: journalNumber,
    ...provenance,
  });
  lines.forEach((line, index) => {
    ctx.rows.push('customerInvoiceLines', {
      seq: ctx.nextSeq(),
      document_type: CREDIT_NOTE_TYPE,
      document_number: number,
      line_no: index + 1,
      posting_date: input.date,
      kind: 'credit_note',
      customer_code: invoice.customer,
      order_number: line.source.orderNumber,
      order_line_no: line.source.orderLineNo,
      shipment_number: line.source.shipment,
      shipment_line_no: line.source.shipmentLine,
      credited_invoice_number: invoice.number,
      credited_line_no: line.source.lineNo,
      item_sku: line.source.sku,
      quantity: formatQuantity(-line.quantity),
      unit_price: line.source.priceMicros,
      discount_percent: line.source.discountPercent,
      net_amount: formatMoney(-line.net),
      tax_code: line.source.taxCode,
      tax_amount: formatMoney(-line.tax),
      cost_amount: formatMoney(-line.cost),
      revenue_account: line.source.revenueAccount,
      ...provenance,
    });
  });
}
