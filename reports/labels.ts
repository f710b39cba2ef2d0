// Display labels for the chart's mapping keys (statement sections and lines, cash-flow lines). The
// structure comes from the chart of accounts; this only words it. Unknown keys read as their own words.

const LABELS: Record<string, string> = {
  assets: 'Assets',
  liabilities: 'Liabilities',
  equity: 'Equity',
  current_assets: 'Current assets',
  non_current_assets: 'Non-current assets',
  current_liabilities: 'Current liabilities',
  non_current_liabilities: 'Non-current liabilities',
  cash_and_equivalents: 'Cash and cash equivalents',
  property_plant_equipment: 'Property, plant and equipment',
  grni: 'Goods received not invoiced',
  borrowings_current: 'Current borrowings',
  borrowings_non_current: 'Non-current borrowings',
  lease_liabilities_current: 'Current lease liabilities',
  lease_liabilities_non_current: 'Non-current lease liabilities',
  tax_receivables: 'Tax receivables',
  current_year_result: 'Profit or loss for the year',
  retained_earnings: 'Retained earnings',
  dimension_clearing: 'Postings balanced outside the selected dimensions',
  cost_of_sales: 'Cost of sales',
  operating_expenses: 'Operating expenses',
  other_income: 'Other income',
  other_expenses: 'Other expenses',
  finance_costs: 'Finance costs',
  income_tax: 'Income tax',
  revenue_deductions: 'Returns and discounts',
  // Cash flow (IAS 7).
  operating: 'Cash flows from operating activities',
  investing: 'Cash flows from investing activities',
  financing: 'Cash flows from financing activities',
  net_income: 'Profit for the period',
  depreciation_amortisation: 'Depreciation and amortisation',
  gain_loss_on_disposal: 'Gains and losses on disposal',
  non_cash_investing_financing: 'Investing and financing movements not settled in cash',
  cash_transfers: 'Transfers between cash accounts',
  change_in_receivables: 'Change in receivables',
  change_in_prepayments: 'Change in prepayments',
  change_in_inventories: 'Change in inventories',
  change_in_payables: 'Change in payables',
  change_in_tax_liabilities: 'Change in tax balances',
  change_in_payroll_liabilities: 'Change in payroll liabilities',
  change_in_other_liabilities: 'Change in other liabilities',
  purchase_of_ppe: 'Property, plant and equipment',
  purchase_of_intangibles: 'Intangible assets',
  proceeds_from_borrowings_net: 'Borrowings (net)',
  payment_of_lease_liabilities: 'Lease liabilities',
  proceeds_from_share_issue: 'Share capital',
  dividends_paid: 'Dividends paid',
};

/** Direct-method operating lines are named after what the cash paid for or came from. */
const DIRECT_LABELS: Record<string, string> = {
  revenue: 'Receipts for sales',
  other_income: 'Other income received',
  cost_of_sales: 'Payments for cost of sales',
  operating_expenses: 'Payments for operating expenses',
  other_expenses: 'Other expenses paid',
  finance_costs: 'Interest paid',
  income_tax: 'Income tax paid',
  change_in_receivables: 'Receipts from customers',
  change_in_prepayments: 'Prepayments',
  change_in_inventories: 'Payments for inventories',
  change_in_payables: 'Payments to suppliers',
  change_in_tax_liabilities: 'Taxes paid and refunded',
  change_in_payroll_liabilities: 'Payments to employees',
  change_in_other_liabilities: 'Customer advances and other liabilities',
  net_income: 'Equity postings (opening balances, closing entries)',
  depreciation_amortisation: 'Cash booked against non-cash accounts',
};

export function labelFor(key: string, variant: 'default' | 'direct' = 'default'): string {
  if (variant === 'direct' && DIRECT_LABELS[key]) return DIRECT_LABELS[key];
  return LABELS[key] ?? humanize(key);
}

function humanize(key: string): string {
  const words = key.replace(/_/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
