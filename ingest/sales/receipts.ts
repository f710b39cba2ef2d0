// Customer receipts: money in from a customer (Dr bank / Cr receivables), allocated to its invoices in full or
// in part; what the allocations leave over is recorded as unallocated cash on the customer's account: a credit
// in the customer ledger, the receivables aging and the credit check.
import { listValue } from '@duckdb/node-api';
import { ErrorList } from '../errors.ts';
import { type FactSource, factRead } from '../fact-reads.ts';
import type { Actor } from '../finance/commands.ts';
import { checkPostable } from '../inventory/index.ts';
import { formatMoney, minorFromString } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, postedJson, postingAccount } from '../postings.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { customerInvoiceKey, customerKey } from './keys.ts';
import { O2C_PROCESS } from './order-state.ts';
import { checkCustomer } from './orders.ts';
import type { CustomerReceiptInput } from './schema.ts';

export const CUSTOMER_RECEIPT_TYPE = 'customer-receipt';

interface OpenInvoice {
  customer: string;
  order: string | null;
  open: bigint;
}

export function customerReceiptCommand(actor: Actor, input: CustomerReceiptInput): Command {
  return {
    name: 'customer_receipt.post',
    ...actor,
    request: input,
    // Reads what is open on each invoice from the facts; lowers the customer's exposure.
    keys: [customerKey(input.customer), ...allocatedInvoices(input).map(customerInvoiceKey)],
    reads: allocatedInvoices(input).map((number) => factRead(OPEN_INVOICES, number)),
    async run(ctx): Promise<CommandResult> {
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      const customer = checkCustomer(ctx, input.customer, errors);
      const bank = input.bank_account ?? postingAccount(ctx.state, 'bank');
      checkPostable(ctx, bank, 'bank_account', errors);
      if (input.amount <= 0n)
        errors.add('amount', 'amount_must_be_positive', 'a receipt brings in more than zero');
      const open = await openInvoices(ctx, input);
      const allocated = checkAllocations(input, open, errors);
      errors.throwIfAny('the customer receipt cannot be posted');
      const receivables = customer?.receivablesAccount ?? postingAccount(ctx.state, 'receivables');
      const number = assignNumber(ctx, CUSTOMER_RECEIPT_TYPE, input.date).documentNumber;
      const journal = appendPostings(ctx, {
        date: input.date,
        memo: `Receipt ${number} from ${input.customer}`,
        sourceDocumentType: CUSTOMER_RECEIPT_TYPE,
        sourceDocumentNumber: number,
        postings: [
          { account: bank, amount: input.amount },
          { account: receivables, amount: -input.amount, party: input.customer },
        ],
      });
      const unallocated = input.amount - allocated;
      const rows: Array<{ invoice: string | null; amount: bigint }> = [...input.allocations];
      if (unallocated > 0n) rows.push({ invoice: null, amount: unallocated });
      rows.forEach((row, index) => {
        appendReceiptRow(ctx, input, number, index, row, {
          bank,
          receivables,
          journal: journal?.number ?? '',
        });
        const order = row.invoice ? open.get(row.invoice)?.order : null;
        appendProcessEvent(ctx, {
          process: O2C_PROCESS,
          caseId: order ?? row.invoice ?? `customer:${input.customer}`,
          activity: row.invoice ? 'invoice_paid' : 'cash_unallocated',
          documentType: CUSTOMER_RECEIPT_TYPE,
          documentNumber: number,
          postingDate: input.date,
        });
      });
      const body = {
        id: number,
        number,
        amount: formatMoney(input.amount),
        allocated: formatMoney(allocated),
        unallocated: formatMoney(unallocated),
        journal: journal ? postedJson(journal) : null,
      };
      return { status: 201, body, documentType: CUSTOMER_RECEIPT_TYPE, documentNumber: number };
    },
  };
}

/**
 * Per invoice in the list $1: the invoice, the credit notes on it and the receipts allocated to it, one row
 * per fact tagged by `fact` (plain scans, summed in TypeScript).
 */
const INVOICE_FACTS_SQL = `
select 'invoice' as fact, document_number as invoice_number, customer_code, order_number, gross_amount as amount
from facts.customer_invoices where kind = 'invoice' and list_contains($1, document_number)
union all by name
select 'credited' as fact, credited_invoice_number as invoice_number, gross_amount as amount
from facts.customer_invoices where list_contains($1, credited_invoice_number)
union all by name
select 'paid' as fact, invoice_number, -amount as amount
from facts.customer_receipts where list_contains($1, invoice_number)`;

/**
 * What is open on invoices: the gross less credit notes and receipts (Command.reads, by a receipt keyed by
 * the invoices it settles).
 */
const OPEN_INVOICES: FactSource<OpenInvoice> = {
  name: 'open invoices',
  async load(db, numbers) {
    const rows = await db.query(INVOICE_FACTS_SQL, [listValue([...numbers])]);
    const invoices = new Map<string, OpenInvoice>();
    for (const row of rows.filter((candidate) => candidate.fact === 'invoice')) {
      invoices.set(String(row.invoice_number), {
        customer: String(row.customer_code),
        order: row.order_number === null ? null : String(row.order_number),
        open: 0n,
      });
    }
    for (const row of rows) {
      const invoice = invoices.get(String(row.invoice_number));
      if (invoice) invoice.open += minorFromString(String(row.amount));
    }
    return invoices;
  },
};

const allocatedInvoices = (input: CustomerReceiptInput) => [
  ...new Set(input.allocations.map((allocation) => allocation.invoice)),
];

async function openInvoices(ctx: CommandContext, input: CustomerReceiptInput) {
  const open = new Map<string, OpenInvoice>();
  for (const number of allocatedInvoices(input)) {
    const invoice = await ctx.read(OPEN_INVOICES, number);
    if (invoice) open.set(number, invoice);
  }
  return open;
}

/** Checks every allocation; returns their total, which may not exceed the amount received. */
function checkAllocations(
  input: CustomerReceiptInput,
  open: Map<string, OpenInvoice>,
  errors: ErrorList,
): bigint {
  let total = 0n;
  input.allocations.forEach((allocation, index) => {
    const path = `allocations.${index}`;
    const invoice = open.get(allocation.invoice);
    total += allocation.amount;
    if (allocation.amount <= 0n) {
      errors.add(`${path}.amount`, 'amount_must_be_positive', 'an allocation settles more than zero');
    } else if (!invoice) {
      errors.add(`${path}.invoice`, 'invoice_not_found', `no customer invoice ${allocation.invoice}`);
    } else if (invoice.customer !== input.customer) {
      errors.add(
        `${path}.invoice`,
        'invoice_of_other_customer',
        `invoice ${allocation.invoice} is ${invoice.customer}'s`,
      );
    } else if (allocation.amount > invoice.open) {
      errors.add(
        `${path}.amount`,
        'exceeds_open_amount',
        `${formatMoney(allocation.amount)} allocated, ${formatMoney(invoice.open)} open on ${allocation.invoice}`,
      );
    } else {
      // Two allocations to one invoice share what is open on it.
      invoice.open -= allocation.amount;
    }
  });
  if (total > input.amount) {
    errors.add(
      'allocations',
      'allocations_exceed_amount',
      `${formatMoney(total)} allocated, ${formatMoney(input.amount)} received`,
    );
  }
  return total;
}

function appendReceiptRow(
  ctx: CommandContext,
  input: CustomerReceiptInput,
  number: string,
  index: number,
  row: { invoice: string | null; amount: bigint },
  accounts: { bank: string; receivables: string; journal: string },
): void {
  ctx.rows.push('customerReceipts', {
    seq: ctx.nextSeq(),
    document_type: CUSTOMER_RECEIPT_TYPE,
    document_number: number,
    line_no: index + 1,
    posting_date: input.date,
    customer_code: input.customer,
    invoice_number: row.invoice,
    amount: formatMoney(row.amount),
    bank_account: accounts.bank,
    receivables_account: accounts.receivables,
    journal_number: accounts.journal,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
}
