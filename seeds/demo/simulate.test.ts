// The demo-company simulator against a real ledger: repeatable, balanced, solvent, stocked, seasonal, buying
// and stocking through purchasing and warehouse documents, and selling merchandise through sales documents,
// whose subledgers agree with the ledger.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initLedger, Ledger } from '../../ingest/index.ts';
import { DEMO_COMPANY, lastFullYear, type SimulationResult, simulateCompany } from './index.ts';

const YEAR = lastFullYear();
/** One simulated year posts some 3 200 business commands in about 390 commits: ~30 s on a busy two-core machine. */
const SIMULATION_TIMEOUT_MS = 180_000;
const dir = mkdtempSync(join(tmpdir(), 'ledgerline-demo-'));
const opened: Ledger[] = [];

/** The determinism check compares a quarter's ledgers: what differs between seeds shows within weeks. */
const SHORT_RUN_MONTHS = 3;

async function simulatedLedger(name: string, seed: number, months = 12): Promise<[Ledger, SimulationResult]> {
  const path = join(dir, `${name}.duckdb`);
  await initLedger({ path, company: DEMO_COMPANY });
  const ledger = await Ledger.open(path);
  opened.push(ledger);
  const result = await simulateCompany(ledger, { scale: 'small', seed, year: YEAR, months });
  return [ledger, result];
}

/** An order-independent fingerprint of every journal line. */
async function checksum(ledger: Ledger) {
  const [row] = await ledger.db.query(`
    select count(*) as line_count, sum(debit) as debit, sum(credit) as credit,
           md5(string_agg(line, ',' order by line)) as digest
    from (select document_number || '|' || account_code || '|' || debit || '|' || credit as line, debit, credit
          from facts.journal_lines)`);
  return row;
}

let ledger: Ledger;
let result: SimulationResult;

beforeAll(async () => {
  [ledger, result] = await simulatedLedger('seed-42', 42);
}, SIMULATION_TIMEOUT_MS);

afterAll(async () => {
  for (const each of opened) await each.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the demo-company simulator', () => {
  it('posts about 1 800 journals by hand and as many again through its documents in a year', async () => {
    expect(result.journals).toBeGreaterThan(1_500);
    expect(result.journals).toBeLessThan(2_300);
    const [row] = await ledger.db.query(`
      select count(*) filter (where source_document_type is null) as by_hand,
             count(*) filter (where source_document_type is not null) as by_documents,
             min(posting_date) as first, max(posting_date) as last
      from facts.journal_entries`);
    expect(Number(row?.by_hand)).toBe(result.journals);
    expect(Number(row?.by_documents)).toBeGreaterThan(1_500);
    expect(String(row?.first) >= `${YEAR}-01-01` && String(row?.last) <= `${YEAR}-12-31`).toBe(true);
  });

  it(
    'gives an identical ledger for the same seed and a different one for another seed (a quarter of each)',
    async () => {
      const [once, short] = await simulatedLedger('seed-42-quarter', 42, SHORT_RUN_MONTHS);
      const [again] = await simulatedLedger('seed-42-quarter-again', 42, SHORT_RUN_MONTHS);
      const [other] = await simulatedLedger('seed-7-quarter', 7, SHORT_RUN_MONTHS);
      const first = await checksum(once);
      expect(Number(first?.line_count)).toBeGreaterThan(0);
      expect(await checksum(again)).toEqual(first);
      expect((await checksum(other))?.digest).not.toBe(first?.digest);
      // A shorter run stops at its last month.
      const [last] = await once.db.query(
        'select max(posting_date)::varchar as last from facts.journal_entries',
      );
      expect(String(last?.last) <= `${YEAR}-03-31`).toBe(true);
      expect(short.journals).toBeLessThan(result.journals / 2);
    },
    SIMULATION_TIMEOUT_MS,
  );

  it('balances every journal, and total debits equal total credits', async () => {
    const unbalanced = await ledger.db.query(
      'select document_number from facts.journal_lines group by 1 having sum(debit) <> sum(credit)',
    );
    expect(unbalanced).toEqual([]);
    const [totals] = await ledger.db.query(
      'select sum(debit) as debit, sum(credit) as credit from facts.journal_lines',
    );
    expect(totals?.debit).toBe(totals?.credit);
  });

  it('never ends a month with a negative bank balance at the small scale', async () => {
    const negative = await ledger.db.query(`
      with monthly as (
          select date_trunc('month', posting_date) as month, sum(debit - credit) as movement
          from facts.journal_lines where account_code = '1130' group by 1
      )
      select month, sum(movement) over (order by month) as balance from monthly
      qualify balance < 0`);
    expect(negative).toEqual([]);
  });

  it('never lets an inventory account go negative on any day', async () => {
    const negative = await ledger.db.query(`
      with daily as (
          select account_code, posting_date, sum(debit - credit) as movement
          from facts.journal_lines where account_code in ('1310', '1330', '1340') group by 1, 2
      )
      select account_code, posting_date,
             sum(movement) over (partition by account_code order by posting_date) as balance
      from daily qualify balance < 0`);
    expect(negative).toEqual([]);
  });

  it('sells more in the fourth quarter than in the first', async () => {
    const rows = await ledger.db.query(`
      select quarter(posting_date) as quarter, sum(credit - debit) as revenue
      from facts.journal_lines where account_code in ('4110', '4120') group by 1 order by 1`);
    const revenue = new Map(rows.map((row) => [Number(row.quarter), Number(row.revenue)]));
    expect(revenue.get(4)).toBeGreaterThan((revenue.get(1) ?? 0) * 1.2);
  });

  it('tags receivables and payables with customer and supplier party codes', async () => {
    const rows = await ledger.db.query(`
      select account_code, count(*) filter (where party is null) as untagged,
             count(*) filter (where party not similar to '(CUST|SUPP)-[0-9]{4}') as malformed
      from facts.journal_lines where account_code in ('1210', '2110') group by 1`);
    for (const row of rows) expect([row.untagged, row.malformed]).toEqual(['0', '0']);
  });

  it('buys through approved and sent orders, partial deliveries, inspection rejections and batches', async () => {
    const [orders] = await ledger.db.query(`
      with sent as (
          select document_number, min(seq) as sent_seq from facts.purchase_order_events
          where event = 'sent' group by 1
      ),
      approved as (
          select document_number, min(seq) as approved_seq from facts.purchase_order_events
          where event = 'approved' group by 1
      )
      select count(*) as orders,
             count(*) filter (where approved_seq is null or approved_seq > sent_seq) as sent_unapproved,
             count(*) filter (where o.required_approvals <> '') as needing_approval
      from facts.purchase_orders o
      left join sent using (document_number) left join approved using (document_number)`);
    expect(Number(orders?.orders)).toBeGreaterThan(100);
    expect(orders?.sent_unapproved).toBe('0');
    expect(Number(orders?.needing_approval)).toBeGreaterThan(0);
    const [approvals] = await ledger.db.query(`
      select count(*) as given, count(*) filter (where e.user_name = o.user_name) as by_the_buyer
      from facts.purchase_order_events e join facts.purchase_orders o using (document_number)
      where e.event = 'approval'`);
    expect(Number(approvals?.given)).toBeGreaterThan(0);
    expect(approvals?.by_the_buyer).toBe('0');
    const [receipts] = await ledger.db.query(`
      select count(distinct document_number) as receipts,
             count(*) filter (where quantity_rejected > 0) as rejecting_lines,
             count(*) filter (where batch is not null and expiry_date > posting_date) as batch_lines,
             (select count(*) from (select order_number from facts.goods_receipt_lines
                                    group by order_number having count(distinct document_number) > 1)) as split_orders
      from facts.goods_receipt_lines`);
    expect(Number(receipts?.receipts)).toBeGreaterThan(100);
    for (const count of [receipts?.rejecting_lines, receipts?.batch_lines, receipts?.split_orders]) {
      expect(Number(count)).toBeGreaterThan(0);
    }
  });

  it('matches supplier invoices three ways, some with a price variance, and pays them in part and together', async () => {
    const [invoices] = await ledger.db.query(`
      select count(distinct document_number) as invoices,
             count(*) filter (where variance_amount <> 0) as varied_lines
      from facts.supplier_invoice_lines`);
    expect(Number(invoices?.invoices)).toBeGreaterThan(100);
    expect(Number(invoices?.varied_lines)).toBeGreaterThan(0);
    const [payments] = await ledger.db.query(`
      select (select count(*) from (select invoice_number from facts.supplier_payments
                                    group by 1 having count(distinct document_number) > 1)) as paid_in_parts,
             (select count(*) from (select document_number from facts.supplier_payments
                                    group by 1 having count(*) > 1)) as paying_several`);
    expect(Number(payments?.paid_in_parts)).toBeGreaterThan(0);
    expect(Number(payments?.paying_several)).toBeGreaterThan(0);
  });

  it('issues to production and the office, returns, transfers and counts with both losses and gains', async () => {
    const [documents] = await ledger.db.query(`
      select (select count(distinct department) from facts.stock_issue_lines where kind = 'issue') as departments,
             (select count(*) from facts.stock_issue_lines where kind = 'return') as returns,
             (select count(distinct document_number) from facts.stock_moves where move_type = 'transfer_in') as transfers,
             (select count(*) filter (where variance_quantity < 0) from facts.stock_count_lines) as losses,
             (select count(*) filter (where variance_quantity > 0) from facts.stock_count_lines) as gains`);
    // Merchandise leaves by shipments (below), no longer by a daily stock issue of the warehouse.
    expect(Number(documents?.departments)).toBeGreaterThanOrEqual(2);
    for (const count of ['returns', 'transfers', 'losses', 'gains']) {
      expect(Number(documents?.[count]), count).toBeGreaterThan(0);
    }
  });

  it('keeps the stock value equal to the inventory accounts, and work in progress clear', async () => {
    const rows = await ledger.db.query(`
      with stock as (select inventory_account as account, sum(value) as value from facts.stock_moves group by 1),
           books as (select account_code as account, sum(debit - credit) as balance from facts.journal_lines
                     where account_code in ('1310', '1320', '1340') group by 1)
      select account, coalesce(stock.value, 0) as stock_value, books.balance
      from books left join stock using (account) order by account`);
    expect(rows.map((row) => row.account)).toEqual(['1310', '1320', '1340']);
    for (const row of rows) expect(row.balance, String(row.account)).toBe(row.stock_value);
    expect(rows[1]?.balance).toBe('0.00');
  });

  it('leaves on each supplier what its invoices less its payments leave open', async () => {
    const differences = await ledger.db.query(`
      with invoiced as (select supplier_code as party, sum(gross_amount) as amount from facts.supplier_invoices group by 1),
           paid as (select supplier_code as party, sum(amount) as amount from facts.supplier_payments group by 1),
           books as (select l.party, sum(l.credit - l.debit) as owed
                     from facts.journal_lines l join facts.journal_entries e using (document_number)
                     where l.account_code = '2110'
                       and e.source_document_type in ('supplier-invoice', 'supplier-payment')
                     group by 1)
      select party, invoiced.amount - coalesce(paid.amount, 0) as open, books.owed
      from invoiced left join paid using (party) left join books using (party)
      where invoiced.amount - coalesce(paid.amount, 0) <> coalesce(books.owed, 0)`);
    expect(differences).toEqual([]);
    const [suppliers] = await ledger.db.query(
      'select count(distinct supplier_code) as n from facts.supplier_invoices',
    );
    expect(Number(suppliers?.n)).toBeGreaterThan(3);
  });

  it('sells merchandise to its customers through confirmed orders, shipments and invoices', async () => {
    const [counts] = await ledger.db.query(`
      with statuses as (
          select document_number, arg_max(status, seq) as status from facts.sales_order_events group by 1
      )
      select (select count(*) from facts.customers) as customers,
             count(*) as orders,
             count(*) filter (where status = 'invoiced') as invoiced,
             count(*) filter (where status in ('confirmed', 'partly_delivered', 'delivered')) as open_at_year_end,
             (select count(distinct document_number) from facts.shipment_lines) as shipments,
             (select count(*) from facts.customer_invoices where kind = 'invoice') as invoices
      from statuses`);
    expect(Number(counts?.customers)).toBe(40);
    expect(Number(counts?.orders)).toBeGreaterThan(300);
    expect(Number(counts?.invoiced)).toBeGreaterThan(Number(counts?.orders) * 0.9);
    expect(Number(counts?.open_at_year_end)).toBeGreaterThan(0);
    expect(Number(counts?.shipments)).toBeGreaterThan(Number(counts?.orders));
    expect(Number(counts?.invoices)).toBeGreaterThan(Number(counts?.orders) * 0.9);
    // Nothing ships before its order is confirmed, nor is billed before it ships.
    const [order] = await ledger.db.query(`
      select count(*) filter (where s.seq < c.seq) as shipped_unconfirmed,
             (select count(*) from facts.customer_invoice_lines i join facts.shipment_lines l
                on l.document_number = i.shipment_number and l.line_no = i.shipment_line_no
              where i.posting_date < l.posting_date) as billed_before_shipped
      from facts.shipment_lines s
      join (select document_number, min(seq) as seq from facts.sales_order_events where event = 'confirmed' group by 1) c
        on c.document_number = s.order_number`);
    expect([order?.shipped_unconfirmed, order?.billed_before_shipped]).toEqual(['0', '0']);
  });

  it('overrides a few credit limits, ships some orders in parts and some late', async () => {
    const [credit] = await ledger.db.query(`
      select count(*) filter (where e.event = 'confirmed') as confirmations,
             count(*) filter (where e.event = 'credit_override') as overrides,
             count(*) filter (where e.event = 'credit_override'
                              and (e.user_name = o.user_name or e.reason is null or e.role <> 'sales')) as improper
      from facts.sales_order_events e join facts.sales_orders o using (document_number)`);
    expect(Number(credit?.overrides)).toBeGreaterThan(0);
    expect(Number(credit?.overrides)).toBeLessThan(Number(credit?.confirmations) * 0.25);
    expect(credit?.improper).toBe('0');
    const [delivery] = await ledger.db.query(`
      with lines as (
          select l.document_number, l.line_no, l.quantity, l.promised_date,
                 sum(s.quantity) as shipped, max(s.posting_date) as last_shipped,
                 count(distinct s.document_number) as shipments
          from facts.sales_order_lines l join facts.shipment_lines s
            on s.order_number = l.document_number and s.order_line_no = l.line_no
          group by all
      )
      select count(*) filter (where shipped = quantity) as delivered,
             count(*) filter (where shipped = quantity and last_shipped <= promised_date) as on_time,
             count(*) filter (where shipments > 1) as in_parts
      from lines`);
    const onTime = Number(delivery?.on_time) / Number(delivery?.delivered);
    expect(onTime).toBeGreaterThan(0.6);
    expect(onTime).toBeLessThan(0.95);
    expect(Number(delivery?.in_parts)).toBeGreaterThan(0);
  });

  it('collects from late payers too, in parts, with unallocated cash, and credits a few returns', async () => {
    const [receipts] = await ledger.db.query(`
      select count(distinct r.document_number) as receipts,
             count(*) filter (where r.invoice_number is null) as unallocated,
             count(*) filter (where r.posting_date > i.due_date + interval 30 day) as over_30_days_late,
             (select count(*) from (select invoice_number from facts.customer_receipts where invoice_number is not null
                                    group by 1 having count(distinct document_number) > 1)) as paid_in_parts,
             (select count(*) from facts.stock_moves where document_type = 'credit-note' and move_type = 'return') as returned
      from facts.customer_receipts r left join facts.customer_invoices i on i.document_number = r.invoice_number`);
    expect(Number(receipts?.receipts)).toBeGreaterThan(300);
    for (const count of ['unallocated', 'over_30_days_late', 'paid_in_parts', 'returned']) {
      expect(Number(receipts?.[count]), count).toBeGreaterThan(0);
    }
  });

  it('leaves on each customer what its documents leave open, and books merchandise only through them', async () => {
    const differences = await ledger.db.query(`
      with billed as (select customer_code as party, sum(gross_amount) as amount from facts.customer_invoices group by 1),
           received as (select customer_code as party, sum(amount) as amount from facts.customer_receipts group by 1),
           books as (select l.party, sum(l.debit - l.credit) as owed
                     from facts.journal_lines l join facts.journal_entries e using (document_number)
                     where l.account_code = '1210'
                       and e.source_document_type in ('customer-invoice', 'credit-note', 'customer-receipt')
                     group by 1)
      select party, billed.amount - coalesce(received.amount, 0) as open, books.owed
      from billed left join received using (party) left join books using (party)
      where billed.amount - coalesce(received.amount, 0) <> coalesce(books.owed, 0)`);
    expect(differences).toEqual([]);
    const [merchandise] = await ledger.db.query(`
      select (select sum(l.credit - l.debit) from facts.journal_lines l join facts.journal_entries e using (document_number)
              where l.account_code = '4120' and e.source_document_type = 'customer-invoice') as revenue_booked,
             (select sum(net_amount) from facts.customer_invoice_lines
              where kind = 'invoice' and revenue_account = '4120') as revenue_billed,
             (select sum(l.debit - l.credit) from facts.journal_lines l join facts.journal_entries e using (document_number)
              where l.account_code = '5120' and e.source_document_type in ('shipment', 'credit-note')) as cost_booked,
             (select sum(cost_amount) from facts.shipment_lines)
               + (select sum(cost_amount) from facts.customer_invoice_lines where kind = 'credit_note') as cost_shipped,
             (select count(*) from facts.journal_lines l join facts.journal_entries e using (document_number)
              where l.account_code in ('4120', '5120') and e.source_document_type is null) as by_hand`);
    expect(merchandise?.revenue_booked).toBe(merchandise?.revenue_billed);
    expect(merchandise?.cost_booked).toBe(merchandise?.cost_shipped);
    expect(merchandise?.by_hand).toBe('0');
  });

  it('refuses a number of months outside 1 to 12 before it posts anything', async () => {
    const before = await checksum(ledger);
    for (const months of [0, 13, 2.5]) {
      await expect(simulateCompany(ledger, { scale: 'small', seed: 42, year: YEAR, months })).rejects.toThrow(
        `months must be a whole number from 1 to 12, not ${months}`,
      );
    }
    expect(await checksum(ledger)).toEqual(before);
  });

  it(
    'replays rather than duplicates when the same simulation runs again on the same ledger',
    async () => {
      const before = await checksum(ledger);
      await simulateCompany(ledger, { scale: 'small', seed: 42, year: YEAR });
      expect(await checksum(ledger)).toEqual(before);
    },
    SIMULATION_TIMEOUT_MS,
  );
});
