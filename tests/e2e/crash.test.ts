// SIGKILL the server while several clients post journals; after a restart every acknowledged journal is
// there and whole, the ledger balances, and numbering has no gap.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, runCli, startServer } from '../support/server.ts';

const TOKEN = 'llt_crash-admin-token';
/** Clients posting at once, and how long they post before the kill. */
const CLIENTS = 6;
const POSTING_MS = 2_500;

const dir = mkdtempSync(join(tmpdir(), 'ledgerline-crash-'));
const db = join(dir, 'crash.duckdb');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Acknowledged {
  number: string;
  cents: number;
}

function journalFor(client: number, index: number) {
  const cents = 100 + client * 1000 + index;
  const amount = (cents / 100).toFixed(2);
  const lines = [
    { account: '6310', debit: amount, memo: `c${client}-${index}` },
    { account: '6320', debit: amount },
    { account: '1130', credit: ((2 * cents) / 100).toFixed(2) },
  ];
  return { body: { date: '2025-04-15', memo: `client ${client} #${index}`, lines }, cents: 2 * cents };
}

async function postUntilKilled(url: string, client: number, acknowledged: Acknowledged[]): Promise<void> {
  for (let index = 0; ; index++) {
    const { body, cents } = journalFor(client, index);
    try {
      const response = await fetch(`${url}/api/v1/journals`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${TOKEN}`,
          'content-type': 'application/json',
          'idempotency-key': `crash-${client}-${index}`,
        },
        body: JSON.stringify(body),
      });
      if (response.status !== 201) throw new Error(`unexpected ${response.status}: ${await response.text()}`);
      acknowledged.push({ number: ((await response.json()) as { number: string }).number, cents });
    } catch (error) {
      if (error instanceof TypeError) return; // connection refused or reset: the server is gone
      throw error;
    }
  }
}

async function inspect(path: string) {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  const read = async (sql: string) => (await connection.runAndReadAll(sql)).getRowObjectsJson();
  const result = {
    totals: (await read('select sum(debit) as debit, sum(credit) as credit from facts.journal_lines'))[0],
    partial: await read(
      `select e.document_number from facts.journal_entries e
       left join (select document_number, count(*) as n, sum(debit) - sum(credit) as diff
                  from facts.journal_lines group by all) l using (document_number)
       where l.n is distinct from e.line_count or l.diff <> 0`,
    ),
    numbers: (await read('select number_in_series from facts.documents order by 1')).map((row) =>
      Number(row.number_in_series),
    ),
    journals: new Map(
      (await read('select document_number, total_debit from facts.journal_entries')).map((row) => [
        String(row.document_number),
        String(row.total_debit),
      ]),
    ),
  };
  connection.closeSync();
  instance.closeSync();
  return result;
}

describe('a server killed mid-posting', () => {
  it('keeps every acknowledged journal whole, balanced and gaplessly numbered after restart', async () => {
    const init = runCli(['init', '--db', db], { LEDGERLINE_ADMIN_TOKEN: TOKEN });
    expect(init.status, init.stderr).toBe(0);
    const server = await startServer(db, await freePort());
    const acknowledged: Acknowledged[] = [];
    const clients = Array.from({ length: CLIENTS }, (_, client) =>
      postUntilKilled(server.url, client, acknowledged),
    );
    await new Promise((resolve) => setTimeout(resolve, POSTING_MS));
    expect(await server.stop('SIGKILL')).toBe('SIGKILL');
    await Promise.all(clients);
    expect(acknowledged.length).toBeGreaterThan(50);

    const restarted = await startServer(db, await freePort());
    const after = await fetch(`${restarted.url}/api/v1/journals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(journalFor(99, 0).body),
    });
    expect(after.status).toBe(201);
    expect(await restarted.stop('SIGTERM')).toBe(0);

    const state = await inspect(db);
    for (const { number, cents } of acknowledged) {
      expect(state.journals.get(number), number).toBe((cents / 100).toFixed(2));
    }
    expect(state.partial).toEqual([]);
    expect(state.totals?.debit).toBe(state.totals?.credit);
    expect(state.numbers).toEqual(state.numbers.map((_, index) => index + 1));
    expect(state.journals.size).toBeGreaterThanOrEqual(acknowledged.length + 1);
  });
});
