// Bulk-generated ledger facts for the benchmarks: balanced journals written by set-based SQL straight into
// facts.*, because posting 10 M lines through the API would take far longer than what the suites measure.
import type { DuckDBConnection } from '@duckdb/node-api';

/** Lines per cycle of five entries of 2, 3, 4, 6 and 10 lines: five lines per entry on average. */
const CYCLE_LINES = 25;
const CYCLE_ENTRIES = 5;
/** Seq numbers reserved per entry: document, up to 10 lines, header, process event (see ingest/journal.ts). */
const SEQ_STRIDE = 16;
/** First posting date of the generated ledger; the base set spreads over two whole fiscal years. */
export const FIRST_DATE = '2024-01-01';
export const LAST_DATE = '2025-12-31';
const DAYS = 731;

interface Kind {
  name: string;
  /** Share of entries, in percent (the weights add up to 100). */
  weight: number;
  bodyIsDebit: boolean;
  body: string[];
  contra: string[];
  /** Whether body lines carry the entry's department and cost centre. */
  hasDimensions: boolean;
  partyPrefix: string | null;
  /** Multiplies the body amounts (capital expenditure and loans are larger than a bill). */
  scale: number;
}

/**
 * Kinds of entry, picked per entry by hash bucket: body lines on one side, one contra line on the other that
 * balances them. The mix roughly follows a trading and manufacturing company's journal.
 */
const KINDS: Kind[] = [
  kind('sales', 30, false, ['4110', '4110', '4120', '4130', '2210'], ['1210'], true, 'C', 1),
  kind(
    'expense_bill',
    20,
    true,
    ['6210', '6220', '6310', '6320', '6330', '6340', '6350', '6360', '6370', '6380', '1250'],
    ['2110'],
    true,
    'S',
    1,
  ),
  kind('stock_bill', 10, true, ['1310', '1340', '1250', '2120'], ['2110'], false, 'S', 2),
  kind('receipt', 15, false, ['1210'], ['1130', '1130', '1150'], false, 'C', 2),
  kind('payment', 12, true, ['2110'], ['1130'], false, 'S', 2),
  kind('payroll', 5, true, ['6110', '6120', '6130'], ['1140'], true, null, 3),
  kind('cost_of_sales', 4, true, ['5110', '5120', '5260'], ['1330', '1340'], true, null, 2),
  kind('capex', 1, true, ['1520', '1530', '1540', '1550', '1560', '1610'], ['1130'], false, null, 20),
  kind(
    'depreciation',
    1,
    true,
    ['7100', '7200'],
    ['1525', '1535', '1545', '1555', '1565', '1615'],
    true,
    null,
    2,
  ),
  kind('borrowing', 1, false, ['2510', '2410', '3100'], ['1130'], false, null, 50),
  kind('bank_charges', 1, true, ['6390', '8510'], ['1130'], false, null, 1),
];

function kind(
  name: string,
  weight: number,
  bodyIsDebit: boolean,
  body: string[],
  contra: string[],
  hasDimensions: boolean,
  partyPrefix: string | null,
  scale: number,
): Kind {
  return { name, weight, bodyIsDebit, body, contra, hasDimensions, partyPrefix, scale };
}

/** Accounts per (kind, side) after flattening: a kind's list repeated cyclically to this many slots. */
const ACCOUNT_SLOTS = 12;
/**
 * Every (kind, side, slot) account in one constant list, indexed by kind_id * 2 * ACCOUNT_SLOTS + side * ACCOUNT_SLOTS
 * + slot: indexing a constant costs nothing per line, where a join or a list per row would.
 */
const ACCOUNT_CHOICES = `[${KINDS.flatMap((k) =>
  [k.body, k.contra].flatMap((accounts) =>
    Array.from({ length: ACCOUNT_SLOTS }, (_, slot) => `'${accounts[slot % accounts.length]}'`),
  ),
).join(', ')}]`;
/** The kinds as a relation, without their account lists. */
const KINDS_SQL = `(values ${KINDS.map(
  (k, id) =>
    `(${id}, '${k.name}', ${k.weight}, ${k.bodyIsDebit}, ${k.hasDimensions}, ${k.partyPrefix ? `'${k.partyPrefix}'` : 'null'}, ${k.scale})`,
).join(', ')}) as kinds(kind_id, kind, weight, body_is_debit, has_dimensions, party_prefix, scale)`;
/** A body line's amount in cents, from its line index and its kind's scale (up to 4 000.99 × scale). */
const BODY_CENTS = `(100 + ${draw('slots.i, 6', '400000')}) * scale`;

/** Recorded the morning of the posting date; one idempotency key per 1 000 journals, as a batch request has. */
const RECORDED_AT = 'cast(posting_date as timestamptz) + interval 9 hour';
const IDEMPOTENCY_KEY = "'bench-batch-' || e // 1000";

const DEPARTMENTS = "['ADM', 'FIN', 'SAL', 'PUR', 'WHS', 'PRD', 'HR', 'IT']";
/** The cost centre of each department above (production spreads over its lines). */
const COST_CENTERS = "['CC-100', 'CC-110', 'CC-200', 'CC-300', 'CC-400', 'CC-500', 'CC-100', 'CC-100']";
const PROJECTS = "['PRJ-001', 'PRJ-002', 'PRJ-003', 'PRJ-004', 'PRJ-005']";

export interface GenerateOptions {
  /** Line indexes [firstLine, endLine), multiples of CYCLE_LINES; entry numbers follow from them. */
  firstLine: number;
  endLine: number;
  /** Posting date of entry e as SQL over `e`; defaults to an even spread over the two fiscal years. */
  dateSql?: string;
}

/** A pseudo-random integer in [0, modulus) drawn from `seed` (SQL), as BIGINT so it can index a list. */
function draw(seed: string, modulus: string): string {
  return `cast(hash(${seed}) % ${modulus} as bigint)`;
}

/** Entry number and line number of line index i, from the 2-3-4-6-10 cycle. */
const LINE_SLOT = `
    case
        when i % ${CYCLE_LINES} < 2 then 0 when i % ${CYCLE_LINES} < 5 then 1 when i % ${CYCLE_LINES} < 9 then 2
        when i % ${CYCLE_LINES} < 15 then 3 else 4
    end`;
const SLOT_START = '[0, 2, 5, 9, 15]';
const SLOT_LINES = '[2, 3, 4, 6, 10]';

export function entriesOf(lines: number): number {
  return (lines / CYCLE_LINES) * CYCLE_ENTRIES;
}

/**
 * Appends balanced journals with line indexes [firstLine, endLine) to facts.documents, journal_entries,
 * journal_lines and process_events, numbered on from the highest number of each fiscal year, with seq
 * above every seq already there. Returns the lines written.
 */
export async function generateJournals(
  connection: DuckDBConnection,
  options: GenerateOptions,
): Promise<number> {
  const { firstLine, endLine } = options;
  if (firstLine % CYCLE_LINES !== 0 || endLine % CYCLE_LINES !== 0)
    throw new Error(`line bounds must be multiples of ${CYCLE_LINES}`);
  const dateSql =
    options.dateSql ?? `date '${FIRST_DATE}' + cast(e * ${DAYS} // ${entriesOf(endLine)} as integer)`;
  const seqBefore = await highestSeq(connection);
  await connection.run('begin transaction');
  try {
    await createKinds(connection);
    await createEntries(connection, { firstLine, endLine, dateSql, seqBefore });
    await appendFacts(connection, firstLine, endLine);
    await connection.run('commit');
  } catch (error) {
    await connection.run('rollback');
    throw error;
  } finally {
    for (const table of ['bench_kinds', 'bench_entries'])
      await connection.run(`drop table if exists ${table}`);
  }
  return endLine - firstLine;
}

/** The highest seq of the fact tables written here, so new facts come after every one of them. */
async function highestSeq(connection: DuckDBConnection): Promise<bigint> {
  const tables = ['documents', 'journal_entries', 'journal_lines', 'process_events'];
  const parts = tables.map((table) => `select max(seq) as seq from facts.${table}`).join(' union all ');
  const reader = await connection.runAndReadAll(`select coalesce(max(seq), 0)::bigint from (${parts})`);
  return reader.getRows()[0]?.[0] as bigint;
}

/** Kinds by hash bucket (100 rows), numbered in the order of KIND_LIST. */
async function createKinds(connection: DuckDBConnection): Promise<void> {
  await connection.run(`
    create temp table bench_kinds as
    with kinds as (
        select *, sum(weight) over (order by kind_id) as upto
        from ${KINDS_SQL}
    )
    select kinds.*, bucket
    from kinds, range(100) as buckets(bucket)
    where bucket >= upto - weight and bucket < upto`);
}

/** Line index i → its entry e, its line number and its entry's line count (inline, no table). */
function slotsSql(firstLine: number, endLine: number): string {
  return `
    select i, e, line_no::integer as line_no, line_count, line_no = line_count as is_contra
    from (
        select i, i // ${CYCLE_LINES} * ${CYCLE_ENTRIES} + ${LINE_SLOT} as e,
            i % ${CYCLE_LINES} - ${SLOT_START}[1 + ${LINE_SLOT}] + 1 as line_no,
            ${SLOT_LINES}[1 + ${LINE_SLOT}] as line_count
        from range(${firstLine}, ${endLine}) as lines(i)
    )`;
}

interface EntryPlan {
  firstLine: number;
  endLine: number;
  dateSql: string;
  seqBefore: bigint;
}

/** One row per entry: kind, date, number (continuing each fiscal year's series), seq block and total. */
async function createEntries(connection: DuckDBConnection, plan: EntryPlan): Promise<void> {
  const first = entriesOf(plan.firstLine);
  await connection.run(`
    create temp table bench_entries as
    with totals as (
        select slots.e, sum(${BODY_CENTS}) as total_cents
        from (${slotsSql(plan.firstLine, plan.endLine)}) as slots
        inner join bench_kinds
            on bench_kinds.bucket = ${draw('slots.e', '100')}
        where not slots.is_contra
        group by slots.e
    ),
    dated as (
        select e, ${plan.dateSql} as posting_date, ${plan.seqBefore} + (e - ${first}) * ${SEQ_STRIDE} as seq_base
        from range(${first}, ${entriesOf(plan.endLine)}) as entries(e)
    ),
    numbered as (
        select *, year(posting_date)::integer as fiscal_year,
            row_number() over (partition by year(posting_date) order by e) as rank_in_year
        from dated
    ),
    last_numbers as (
        select fiscal_year, max(number_in_series) as last_number
        from facts.documents
        where series = 'journal'
        group by fiscal_year
    )
    select
        numbered.e, numbered.posting_date, numbered.fiscal_year, numbered.seq_base,
        coalesce(last_numbers.last_number, 0) + numbered.rank_in_year as number_in_series,
        -- As ingest's padStart: at least six digits, never cut (lpad would truncate the millionth).
        'JV-' || numbered.fiscal_year || '-'
            || printf('%06d', coalesce(last_numbers.last_number, 0) + numbered.rank_in_year) as document_number,
        ${SLOT_LINES}[1 + numbered.e % ${CYCLE_ENTRIES}] as line_count,
        bench_kinds.kind_id, bench_kinds.kind, bench_kinds.body_is_debit, bench_kinds.has_dimensions, bench_kinds.scale,
        ${DEPARTMENTS}[1 + ${draw('numbered.e, 1', '8')}] as department,
        ${COST_CENTERS}[1 + ${draw('numbered.e, 1', '8')}] as cost_center,
        case when ${draw('numbered.e, 2', '20')} = 0 then ${PROJECTS}[1 + ${draw('numbered.e, 3', '5')}] end
            as project,
        case when bench_kinds.party_prefix is not null
            then bench_kinds.party_prefix || '-' || printf('%05d', ${draw('numbered.e, 4', '4000')})
        end as party,
        totals.total_cents
    from numbered
    inner join bench_kinds
        on bench_kinds.bucket = ${draw('numbered.e', '100')}
    inner join totals
        on totals.e = numbered.e
    left join last_numbers
        on last_numbers.fiscal_year = numbered.fiscal_year`);
}

async function appendFacts(connection: DuckDBConnection, firstLine: number, endLine: number): Promise<void> {
  const provenance = `${RECORDED_AT}, 'bench', ${IDEMPOTENCY_KEY}`;
  await connection.run(`
    insert into facts.documents
    select seq_base + 1, 'journal', document_number, 'journal', fiscal_year, number_in_series, posting_date,
        ${provenance}
    from bench_entries order by e`);
  await appendLines(connection, firstLine, endLine);
  await connection.run(`
    insert into facts.journal_entries
    select seq_base + line_count + 2, 'journal', document_number, 'journal', fiscal_year, posting_date,
        'generated ' || kind, null, null, null, null, line_count, (total_cents / 100)::decimal(18, 2),
        ${provenance}
    from bench_entries order by e`);
  await connection.run(`
    insert into facts.process_events
    select seq_base + line_count + 3, 'record_to_report', document_number, 'journal_posted',
        cast(posting_date as timestamptz) + interval 9 hour, 'bench', 'journal', document_number, posting_date,
        ${provenance}
    from bench_entries order by e`);
}

/** Body lines carry a pseudo-random amount on the kind's side; the contra line carries the entry's total. */
async function appendLines(connection: DuckDBConnection, firstLine: number, endLine: number): Promise<void> {
  await connection.run(`
    insert into facts.journal_lines
    select seq, 'journal', document_number, line_no, posting_date, account_code,
        case when is_debit then amount else 0 end, case when is_debit then 0 else amount end,
        department, cost_center, project, case when account_code in ('1210', '2110') then party end, null,
        ${RECORDED_AT}, 'bench', ${IDEMPOTENCY_KEY}
    from (
        select
            entries.seq_base + 1 + slots.line_no as seq,
            entries.document_number, slots.line_no, entries.posting_date,
            ${ACCOUNT_CHOICES}[1 + entries.kind_id * ${2 * ACCOUNT_SLOTS} + case when slots.is_contra
                then ${ACCOUNT_SLOTS} + ${draw('slots.e, 5', String(ACCOUNT_SLOTS))}
                else ${draw('slots.i', String(ACCOUNT_SLOTS))} end] as account_code,
            slots.is_contra <> entries.body_is_debit as is_debit,
            (case when slots.is_contra then entries.total_cents else ${BODY_CENTS} end / 100)::decimal(18, 2)
                as amount,
            case when entries.has_dimensions and not slots.is_contra then entries.department end as department,
            case when entries.has_dimensions and not slots.is_contra then entries.cost_center end as cost_center,
            case when not slots.is_contra then entries.project end as project,
            entries.party,
            slots.e
        from (${slotsSql(firstLine, endLine)}) as slots
        inner join bench_entries as entries
            on entries.e = slots.e
    )`);
}
