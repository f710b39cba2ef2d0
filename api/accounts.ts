// The chart-of-accounts area: list the accounts with their statement mapping, add one.
import { AccountInput, addAccountCommand, type Ledger, listAccounts } from '../ingest/index.ts';
import { actorOf, submit } from './command.ts';
import { FINANCE_ROLES } from './env.ts';
import { type Area, route } from './route.ts';
import { Account, AccountList } from './shapes.ts';

export function accountsArea(ledger: Ledger): Area {
  const routes = [
    route({
      method: 'get',
      path: '/',
      id: 'listAccounts',
      summary: 'List the chart of accounts with statement and cash-flow mapping',
      access: 'signed_in',
      responses: { 200: { description: 'every account', schema: AccountList } },
      handle: async (c) => c.json({ rows: await listAccounts(ledger.db) }),
    }),
    route({
      method: 'post',
      path: '/',
      id: 'addAccount',
      summary: 'Add an account under a group account',
      access: FINANCE_ROLES,
      writes: true,
      body: AccountInput,
      responses: {
        201: { description: 'the account as stored', schema: Account },
        409: { description: 'the code is taken' },
      },
      handle: (c, { body }) => submit(c, ledger, addAccountCommand(actorOf(c), body)),
    }),
  ];
  return { prefix: '/api/v1/accounts', tag: 'accounts', routes };
}
