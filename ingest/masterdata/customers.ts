// Customers as versioned master data, through the same versioning as items and suppliers: a new version is a
// whole new record valid from its date, appended as a fact row and a process event, never an update.
import { ErrorList } from '../errors.ts';
import type { Actor } from '../finance/commands.ts';
import { formatMoney } from '../money.ts';
import { postingAccount } from '../postings.ts';
import type { Command, CommandContext, CommandResult } from '../writer.ts';
import { customerJson } from './answers.ts';
import type { CustomerRecord } from './records.ts';
import type { CustomerFields } from './schema.ts';
import { appendVersionEvent, checkAccountType, nextVersion, provenance } from './versions.ts';

export function customerCommand(
  actor: Actor,
  code: string,
  fields: CustomerFields,
  isCreate: boolean,
): Command {
  return {
    name: isCreate ? 'customer.create' : 'customer.version',
    ...actor,
    request: { code, ...fields },
    run(ctx): CommandResult {
      const errors = new ErrorList();
      const existing = ctx.state.masterData.customers.get(code);
      const version = nextVersion('customer', code, existing, isCreate, fields.valid_from, errors);
      const customer = customerRecord(ctx, code, version, fields);
      checkCustomer(ctx, customer, errors);
      errors.throwIfAny(`customer ${code} cannot be saved`);
      ctx.changes.set(ctx.state.masterData.customers, code, customer);
      appendCustomerRow(ctx, customer);
      appendVersionEvent(ctx, 'customer', code, version, customer.validFrom);
      return { status: 201, body: customerJson(customer), documentType: 'customer', documentNumber: code };
    },
  };
}

function customerRecord(
  ctx: CommandContext,
  code: string,
  version: number,
  fields: CustomerFields,
): CustomerRecord {
  return {
    code,
    version,
    validFrom: fields.valid_from,
    name: fields.name,
    contactName: fields.contact_name ?? null,
    email: fields.email ?? null,
    phone: fields.phone ?? null,
    billingAddress: fields.billing_address ?? null,
    shippingAddress: fields.shipping_address ?? fields.billing_address ?? null,
    currency: fields.currency,
    paymentTermsDays: fields.payment_terms_days,
    creditRating: fields.credit_rating,
    creditLimit: fields.credit_limit,
    salesperson: fields.salesperson ?? null,
    segment: fields.segment,
    receivablesAccount: fields.receivables_account ?? postingAccount(ctx.state, 'receivables'),
    isActive: fields.is_active,
  };
}

function checkCustomer(ctx: CommandContext, customer: CustomerRecord, errors: ErrorList): void {
  checkAccountType(ctx, customer.receivablesAccount, 'asset', 'receivables_account', errors);
  if (customer.creditLimit < 0n) {
    errors.add('credit_limit', 'amount_must_not_be_negative', 'a credit limit is zero or more');
  }
  if (customer.currency !== ctx.state.settings.currency) {
    errors.add(
      'currency',
      'currency_not_supported',
      `customers are invoiced in the company currency ${ctx.state.settings.currency} for now`,
    );
  }
}

function appendCustomerRow(ctx: CommandContext, customer: CustomerRecord): void {
  ctx.rows.push('customers', {
    seq: ctx.nextSeq(),
    document_type: 'customer',
    document_number: customer.code,
    version: customer.version,
    valid_from: customer.validFrom,
    customer_code: customer.code,
    customer_name: customer.name,
    contact_name: customer.contactName,
    email: customer.email,
    phone: customer.phone,
    billing_address: customer.billingAddress,
    shipping_address: customer.shippingAddress,
    currency: customer.currency,
    payment_terms_days: customer.paymentTermsDays,
    credit_rating: customer.creditRating,
    credit_limit: formatMoney(customer.creditLimit),
    salesperson: customer.salesperson,
    segment: customer.segment,
    receivables_account: customer.receivablesAccount,
    is_active: customer.isActive,
    ...provenance(ctx),
  });
}
