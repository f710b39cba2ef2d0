// Purchase-order approval rules as data: which role must approve an order, decided by its amount (and
// optionally its category), so a company changes its policy in configuration, not in code.
import { z } from 'zod';
import { parseMoney } from '../money.ts';

export const ApprovalRule = z.strictObject({
  /** The rule applies to orders whose total (net, in the company currency) is above this amount. */
  amount_over: z.string().refine((text) => parseMoney(text).ok, 'a decimal amount'),
  /** Only orders with a line in this item category, when given. */
  category: z.string().min(1).optional(),
  /** A role of seeds/roles.csv whose member must approve. */
  role: z.string().min(1),
});
export type ApprovalRule = z.infer<typeof ApprovalRule>;

export const ApprovalRules = z.array(ApprovalRule).max(100);

/**
 * The defaults (also seeds/approval_rules.csv): above 10 000 a second member of `purchasing` (not the one
 * who raised the order) approves; above 100 000 `finance` as well. Roles are those of seeds/roles.csv.
 */
export const DEFAULT_APPROVAL_RULES: ApprovalRule[] = [
  { amount_over: '10000.00', role: 'purchasing' },
  { amount_over: '100000.00', role: 'finance' },
];

export interface OrderForApproval {
  /** Net total in cents. */
  total: bigint;
  categories: ReadonlySet<string>;
}

/** The roles that must approve an order, each once, in the order the rules name them; none below every threshold. */
export function requiredApprovals(order: OrderForApproval, rules: readonly ApprovalRule[]): string[] {
  const roles: string[] = [];
  for (const rule of rules) {
    const threshold = parseMoney(rule.amount_over);
    if (!threshold.ok || order.total <= threshold.minor) continue;
    if (rule.category && !order.categories.has(rule.category)) continue;
    if (!roles.includes(rule.role)) roles.push(rule.role);
  }
  return roles;
}
