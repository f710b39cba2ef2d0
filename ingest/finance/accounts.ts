// Adding an account to the chart: it joins a group, inherits the group's statement mapping unless given.
import { conflict, ErrorList } from '../errors.ts';
import type { Command, CommandResult } from '../writer.ts';
import type { Actor } from './commands.ts';
import type { AccountInput } from './schema.ts';

const CREDIT_NORMAL = new Set(['liability', 'equity', 'revenue']);

export function addAccountCommand(actor: Actor, input: AccountInput): Command {
  return {
    name: 'account.add',
    ...actor,
    request: input,
    exclusive: true,
    async run(ctx): Promise<CommandResult> {
      if (ctx.state.accounts.has(input.code)) {
        throw conflict('account_exists', `account ${input.code} already exists`, 'code');
      }
      const parent = ctx.state.accounts.get(input.parent_code);
      const errors = new ErrorList();
      if (!parent)
        errors.add('parent_code', 'account_not_found', `parent account ${input.parent_code} does not exist`);
      else if (!parent.isGroup)
        errors.add('parent_code', 'parent_not_group', `account ${input.parent_code} is not a group`);
      else if (parent.type !== input.type) {
        errors.add(
          'type',
          'account_type_mismatch',
          `the group ${parent.code} holds ${parent.type} accounts, not ${input.type}`,
        );
      }
      errors.throwIfAny('the account cannot be added');
      const [mapping] = await ctx.db.query(
        `select statement, statement_section, statement_line, cash_flow_category, cash_flow_line, sort_order
         from ref.accounts where code = ?`,
        [input.parent_code],
      );
      const [last] = await ctx.db.query('select max(sort_order) as s from ref.accounts');
      const row = {
        code: input.code,
        name: input.name,
        type: input.type,
        parent_code: input.parent_code,
        is_group: input.is_group,
        normal_balance: input.normal_balance ?? (CREDIT_NORMAL.has(input.type) ? 'credit' : 'debit'),
        statement: String(mapping?.statement),
        statement_section: String(mapping?.statement_section),
        statement_line: input.statement_line ?? String(mapping?.statement_line),
        cash_flow_category: input.cash_flow_category ?? String(mapping?.cash_flow_category),
        cash_flow_line: input.cash_flow_line ?? String(mapping?.cash_flow_line),
        sort_order: Number(last?.s ?? 0) + 1,
      };
      ctx.rows.push('accounts', { ...row, added_at: ctx.recordedAt });
      ctx.changes.set(ctx.state.accounts, input.code, {
        code: input.code,
        name: input.name,
        type: input.type,
        parentCode: input.parent_code,
        isGroup: input.is_group,
      });
      return { status: 201, body: row, documentType: 'account', documentNumber: input.code };
    },
  };
}
