// Supplier payments: one payment settles one or more invoices of a supplier, each in full or in part
// (Dr payables / Cr bank); no invoice is ever paid beyond what is open on it.
import { listValue } from '@duckdb/node-api';
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { checkPostable } from '../inventory/index.ts';
import { formatMoney, minorFromString } from '../money.ts';
import { assignNumber } from '../numbering.ts';
import { checkPostingDate } from '../periods.ts';
import { appendPostings, postedJson, postingAccount } from '../postings.ts';
import { appendProcessEvent } from '../process-events.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { P2P_PROCESS } from './order-state.ts';
import type { SupplierPaymentInput } from './schema.ts';

export const SUPPLIER_PAYMENT_TYPE = 'supplier-payment';

/** The writer's key of an invoice's payments (Command.keys). */
const invoiceKey = (number: string): string => `supplier-invoice:${number}`;

interface OpenInvoice {
  supplier: string;
  open: bigint;
}

export function supplierPaymentCommand(actor: Actor, input: SupplierPaymentInput): Command {
  return {
    name: 'supplier_payment.post',
    ...actor,
    request: input,
    // Reads what is open on each invoice from the facts.
    keys: input.allocations.map((allocation) => invoiceKey(allocation.invoice)),
    async run(ctx): Promise<CommandResult> {
      const errors = new ErrorList();
      checkPostingDate(ctx.state, input.date, errors);
      const supplier = ctx.state.masterData.suppliers.get(input.supplier);
      if (!supplier) errors.add('supplier', 'supplier_not_found', `no supplier ${input.supplier}`);
      const bank = input.bank_account ?? postingAccount(ctx.state, 'bank');
      checkPostable(ctx, bank, 'bank_account', errors);
      const open = await openInvoices(ctx, input);
      checkAllocations(input, open, errors);
      errors.throwIfAny('the supplier payment cannot be posted');
      const number = assignNumber(ctx, SUPPLIER_PAYMENT_TYPE, input.date).documentNumber;
      const total = input.allocations.reduce((sum, allocation) => sum + allocation.amount, 0n);
      const payables = supplier?.payablesAccount ?? postingAccount(ctx.state, 'payables');
      const journal = appendPostings(ctx, {
        date: input.date,
        memo: `Payment ${number} to ${input.supplier}`,
        sourceDocumentType: SUPPLIER_PAYMENT_TYPE,
        sourceDocumentNumber: number,
        postings: [
          { account: payables, amount: total, party: input.supplier },
          { account: bank, amount: -total },
        ],
      });
      const journalNumber = journal?.number ?? '';
      input.allocations.forEach((allocation, index) => {
        appendPaymentRow(ctx, input, number, index, allocation, bank, journalNumber);
        appendProcessEvent(ctx, {
          process: P2P_PROCESS,
          caseId: allocation.invoice,
          activity: 'invoice_paid',
          documentType: SUPPLIER_PAYMENT_TYPE,
          documentNumber: number,
          postingDate: input.date,
        });
      });
      const body = {
        id: number,
        number,
        amount: formatMoney(total),
        journal: journal ? postedJson(journal) : null,
      };
      return { status: 201, body, documentType: SUPPLIER_PAYMENT_TYPE, documentNumber: number };
    },
  };
}

async function openInvoices(ctx: CommandContext, input: SupplierPaymentInput) {
  const numbers = input.allocations.map((allocation) => allocation.invoice);
  const rows = await ctx.db.query(
    `select i.document_number, i.supplier_code, i.gross_amount - coalesce(sum(p.amount), 0) as open
     from facts.supplier_invoices i
     left join facts.supplier_payments p on p.invoice_number = i.document_number
     where list_contains(?, i.document_number)
     group by i.document_number, i.supplier_code, i.gross_amount`,
    [listValue(numbers)],
  );
  return new Map<string, OpenInvoice>(
    rows.map((row) => [
      String(row.document_number),
      { supplier: String(row.supplier_code), open: minorFromString(String(row.open)) },
    ]),
  );
}

function checkAllocations(input: SupplierPaymentInput, open: Map<string, OpenInvoice>, errors: ErrorList) {
  input.allocations.forEach((allocation, index) => {
    const path = `allocations.${index}`;
    const invoice = open.get(allocation.invoice);
    if (allocation.amount <= 0n) {
      errors.add(`${path}.amount`, 'amount_must_be_positive', 'a payment pays more than zero');
    }
    if (!invoice) {
      errors.add(`${path}.invoice`, 'invoice_not_found', `no supplier invoice ${allocation.invoice}`);
    } else if (invoice.supplier !== input.supplier) {
      errors.add(
        `${path}.invoice`,
        'invoice_of_other_supplier',
        `invoice ${allocation.invoice} is ${invoice.supplier}'s`,
      );
    } else if (allocation.amount > invoice.open) {
      errors.add(
        `${path}.amount`,
        'exceeds_open_amount',
        `${formatMoney(allocation.amount)} paid, ${formatMoney(invoice.open)} open on ${allocation.invoice}`,
      );
    } else {
      // Two allocations to one invoice share what is open on it.
      invoice.open -= allocation.amount;
    }
  });
}

function appendPaymentRow(
  ctx: CommandContext,
  input: SupplierPaymentInput,
  number: string,
  index: number,
  allocation: SupplierPaymentInput['allocations'][number],
  bank: string,
  journalNumber: string,
): void {
  ctx.rows.push('supplierPayments', {
    seq: ctx.nextSeq(),
    document_type: SUPPLIER_PAYMENT_TYPE,
    document_number: number,
    line_no: index + 1,
    posting_date: input.date,
    supplier_code: input.supplier,
    invoice_number: allocation.invoice,
    amount: formatMoney(allocation.amount),
    bank_account: bank,
    journal_number: journalNumber,
    recorded_at: ctx.recordedAt,
    user_name: ctx.user,
    idempotency_key: ctx.idempotencyKey,
  });
}
