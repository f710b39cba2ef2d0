// The general ledger's page index: for one scope (leaf accounts and dimension filters), where its lines lie in
// reading order (posting date, then seq), so a page is found by arithmetic (ledger-pages.ts) instead of by
// ordering the range.
//
// - Days: per posting date, the lines, debits and credits before it (cumulative), so a range's opening
//   balance, its debits, credits and line count are differences of two entries.
// - Blocks: the scope's lines in reading order cut into blocks of `blockLines` lines; per block, the key of its
//   first line, the seq span of its lines and the balance before it. A page of lines [first, end) lies in the
//   blocks first / blockLines .. end / blockLines, so its query reads the lines between two keys (at most the
//   page + two blocks) within a seq span, which DuckDB's zone maps narrow to a row group or two.
//
// Built from the marts on a scope's first page (two queries over its lines). After a transform publishes,
// the scope's next page brings it up to date from the lines above its watermark (extendLedgerIndex), which
// relies on what the marts promise: fct_journal_lines holds each fact line once, under its own seq, with the
// account, date, amounts and dimensions the facts hold, and lines are only ever added, in seq order. At most
// LEDGER_INDEXES_KEPT scopes are kept per database, the least recently used going first.
import { minorFromString } from '../../ingest/money.ts';
import { martsVersion } from '../../transform/index.ts';
import { bindNamed } from '../bind.ts';
import type { ReportDb, Row } from '../definition.ts';
import { dimensionFilter, inAccounts } from './fragments.ts';
import { firstDateIndex } from './ledger-pages.ts';

/** Lines per block at least: a page reads at most its own lines + two blocks. */
export const INDEX_BLOCK_LINES_MIN = 32;
/** Blocks per index at most (≈ 5 MB of memory, measured): a scope with more lines gets longer blocks. */
export const INDEX_BLOCKS_MAX = 65_536;
/** Scopes whose index is kept at once, per database (≈ 160 MB were every one of them the largest). */
export const LEDGER_INDEXES_KEPT = 32;
/** Times an index is rebuilt when its two queries saw different ledgers (a publish between them). */
const BUILD_ATTEMPTS = 3;

export interface Scope {
  /** Leaf account codes, comma-joined. */
  accounts: string;
  department: string | null;
  cost_center: string | null;
  project: string | null;
}

export interface LedgerIndex {
  lineCount: number;
  blockLines: number;
  /** The shortest blocks asked for (INDEX_BLOCK_LINES_MIN, less in tests). */
  blockLinesMin: number;
  /** The highest seq indexed: a transform adds the scope's new lines above it. */
  watermark: bigint;
  /** The balance of every line indexed (minor units). */
  balance: bigint;
  /** Posting dates with lines, ascending ('YYYY-MM-DD'). */
  dates: string[];
  /** Per date index i: lines, debits, credits (minor units) on the dates before dates[i]; i = dates.length: all. */
  linesBefore: number[];
  debitBefore: bigint[];
  creditBefore: bigint[];
  /** Per block: its first line's posting date and seq, the lowest and highest seq of its lines, the balance before it. */
  firstDate: string[];
  firstSeq: BigInt64Array;
  lowSeq: BigInt64Array;
  highSeq: BigInt64Array;
  balanceBefore: BigInt64Array;
}

const SCOPED_LINES = `
    from marts.fct_journal_lines
    where ${inAccounts('accounts')}
        and ${dimensionFilter()}`;

/** Per posting date of the scope's lines above seq $above: lines, debits, credits, and their highest seq. */
const DAYS_SQL = `
select
    posting_date::varchar as posting_date,
    count(*)::integer as lines,
    sum(debit)::varchar as debit,
    sum(credit)::varchar as credit,
    max(seq)::varchar as high_seq
${SCOPED_LINES}
    and seq > cast($above as bigint)
group by posting_date
order by posting_date`;

/**
 * The blocks of the scope's lines from key ($tail_date, $tail_seq) on, up to seq $upto, numbered from line
 * $base_line; blocks of $block_lines lines, or (0) of as many as INDEX_BLOCKS_MAX blocks allow.
 */
const BLOCKS_SQL = `
with

numbered as (
    select
        posting_date,
        seq,
        amount,
        row_number() over (order by posting_date, seq) - 1 + $base_line as line,
        count(*) over () + $base_line as lines
    ${SCOPED_LINES}
        and posting_date >= cast($tail_date as date)
        and (posting_date > cast($tail_date as date) or seq >= cast($tail_seq as bigint))
        and seq <= cast($upto as bigint)
),

blocked as (
    select
        *,
        line // (case
            when $block_lines > 0 then $block_lines
            else greatest($block_lines_min, ceil(lines / $blocks_max))
        end)::bigint as block
    from numbered
)

select
    block::integer as block,
    min(line)::integer as first_line,
    any_value(lines)::integer as lines,
    arg_min(posting_date, line)::varchar as first_date,
    arg_min(seq, line)::varchar as first_seq,
    min(seq)::varchar as low_seq,
    max(seq)::varchar as high_seq,
    sum(amount)::varchar as amount
from blocked
group by block
order by block`;

const SEQ_MAX = '9223372036854775807';

/** What an index is kept under: the scope itself. */
function scopeKey(scope: Scope): string {
  return JSON.stringify([scope.accounts, scope.department, scope.cost_center, scope.project]);
}

const kept = new WeakMap<object, Map<string, { version: number; index: Promise<LedgerIndex> }>>();

/**
 * The page index of `scope`, built on first use. After a transform publishes (martsVersion), the next request
 * brings it up to date (extendLedgerIndex) instead of building it again. Concurrent requests for one scope
 * share one build; a build that fails is forgotten.
 */
export function ledgerIndex(db: ReportDb, scope: Scope): Promise<LedgerIndex> {
  const version = martsVersion(db);
  let indexes = kept.get(db);
  if (!indexes) {
    indexes = new Map();
    kept.set(db, indexes);
  }
  const key = scopeKey(scope);
  const found = indexes.get(key);
  // Most recently used last: the map's first entry is the one to drop.
  indexes.delete(key);
  if (found?.version === version) {
    indexes.set(key, found);
    return found.index;
  }
  const index = found
    ? found.index.then((old) => extendLedgerIndex(db, scope, old)).catch(() => buildLedgerIndex(db, scope))
    : buildLedgerIndex(db, scope);
  const entry = { version, index };
  indexes.set(key, entry);
  const held = indexes;
  index.catch(() => {
    if (held.get(key) === entry) held.delete(key);
  });
  while (indexes.size > LEDGER_INDEXES_KEPT) {
    const oldest = indexes.keys().next().value;
    if (oldest === undefined) break;
    indexes.delete(oldest);
  }
  return index;
}

/**
 * Reads the index of `scope` from the marts. Its two queries run side by side; should a transform publish
 * between them, their line counts differ and the build starts again.
 */
export async function buildLedgerIndex(
  db: ReportDb,
  scope: Scope,
  blockLinesMin = INDEX_BLOCK_LINES_MIN,
): Promise<LedgerIndex> {
  for (let attempt = 1; ; attempt++) {
    const [days, blocks] = await Promise.all([
      query(db, DAYS_SQL, { ...scope, above: '0' }),
      query(db, BLOCKS_SQL, {
        ...scope,
        tail_date: '0001-01-01',
        tail_seq: '0',
        upto: SEQ_MAX,
        base_line: 0,
        block_lines: 0,
        block_lines_min: blockLinesMin,
        blocks_max: INDEX_BLOCKS_MAX,
      }),
    ]);
    const counted = Number(blocks[0]?.lines ?? 0);
    const index = withDays(emptyIndex(blockLinesFor(counted, blockLinesMin), blockLinesMin), days);
    if (index.lineCount === counted) return withBlocks(index, 0, blocks);
    if (attempt >= BUILD_ATTEMPTS)
      throw new Error(
        `the general-ledger index of ${scope.accounts} saw a different ledger ${attempt} times`,
      );
  }
}

/**
 * The index of `scope` with the lines a transform added since `old` was read (seq above its watermark).
 * Lines are only ever added, so the days gain their new lines' counts and sums. A new line sorts after
 * every older line of its own date, so every line before block b, the one holding the first older line
 * dated on or after the earliest new date, keeps its place: the blocks before b stay, and the lines from
 * b's first line (or from the earliest new date, when that comes first) are read again. Falls back to a
 * build when the blocks would have to grow longer.
 */
export async function extendLedgerIndex(db: ReportDb, scope: Scope, old: LedgerIndex): Promise<LedgerIndex> {
  const days = await query(db, DAYS_SQL, { ...scope, above: String(old.watermark) });
  if (days.length === 0) return old;
  const extended = withDays(old, days);
  if (blockLinesFor(extended.lineCount, old.blockLinesMin) !== old.blockLines)
    return buildLedgerIndex(db, scope, old.blockLinesMin);
  const earliest = String(days[0]?.posting_date);
  const firstLine = old.linesBefore[firstDateIndex(old.dates, (date) => date >= earliest)] ?? old.lineCount;
  const block = Math.floor(firstLine / old.blockLines);
  // The block's first line, unless a new line sorts before it (its date is earlier than the block's).
  const blockDate = old.firstDate[block];
  const fromBlock = blockDate !== undefined && blockDate <= earliest;
  const blocks = await query(db, BLOCKS_SQL, {
    ...scope,
    tail_date: fromBlock ? blockDate : earliest,
    tail_seq: fromBlock ? String(old.firstSeq[block]) : '0',
    upto: String(extended.watermark),
    base_line: block * old.blockLines,
    block_lines: old.blockLines,
    block_lines_min: old.blockLinesMin,
    blocks_max: INDEX_BLOCKS_MAX,
  });
  if (Number(blocks[0]?.lines) !== extended.lineCount)
    throw new Error(`the general-ledger index of ${scope.accounts} lost count of its lines`);
  return withBlocks(extended, block, blocks);
}

function query(db: ReportDb, sql: string, values: Record<string, unknown>): Promise<Row[]> {
  return db.query(sql, bindNamed(sql, values));
}

function emptyIndex(blockLines: number, blockLinesMin: number): LedgerIndex {
  return {
    lineCount: 0,
    blockLines,
    blockLinesMin,
    watermark: 0n,
    balance: 0n,
    dates: [],
    linesBefore: [0],
    debitBefore: [0n],
    creditBefore: [0n],
    firstDate: [],
    firstSeq: new BigInt64Array(0),
    lowSeq: new BigInt64Array(0),
    highSeq: new BigInt64Array(0),
    balanceBefore: new BigInt64Array(0),
  };
}

/** `index` with the lines of `days` (DAYS_SQL's rows) added to its days, its line count and watermark. */
function withDays(index: LedgerIndex, days: Row[]): LedgerIndex {
  const byDate = new Map<string, { lines: number; debit: bigint; credit: bigint }>();
  index.dates.forEach((date, i) => {
    byDate.set(date, {
      lines: (index.linesBefore[i + 1] ?? 0) - (index.linesBefore[i] ?? 0),
      debit: (index.debitBefore[i + 1] ?? 0n) - (index.debitBefore[i] ?? 0n),
      credit: (index.creditBefore[i + 1] ?? 0n) - (index.creditBefore[i] ?? 0n),
    });
  });
  let watermark = index.watermark;
  for (const day of days) {
    const date = String(day.posting_date);
    const had = byDate.get(date) ?? { lines: 0, debit: 0n, credit: 0n };
    byDate.set(date, {
      lines: had.lines + Number(day.lines),
      debit: had.debit + minorFromString(String(day.debit)),
      credit: had.credit + minorFromString(String(day.credit)),
    });
    const high = BigInt(String(day.high_seq));
    if (high > watermark) watermark = high;
  }
  const dates = [...byDate.keys()].sort();
  const linesBefore = [0];
  const debitBefore = [0n];
  const creditBefore = [0n];
  for (const date of dates) {
    const day = byDate.get(date) as { lines: number; debit: bigint; credit: bigint };
    linesBefore.push((linesBefore.at(-1) ?? 0) + day.lines);
    debitBefore.push((debitBefore.at(-1) ?? 0n) + day.debit);
    creditBefore.push((creditBefore.at(-1) ?? 0n) + day.credit);
  }
  const lineCount = linesBefore.at(-1) ?? 0;
  return { ...index, lineCount, watermark, dates, linesBefore, debitBefore, creditBefore };
}

/** `index` with its blocks from `first` on replaced by BLOCKS_SQL's rows (which start at block `first`). */
function withBlocks(index: LedgerIndex, first: number, blocks: Row[]): LedgerIndex {
  const count = first + blocks.length;
  const kept = (values: BigInt64Array) => {
    const grown = new BigInt64Array(count);
    grown.set(values.subarray(0, first));
    return grown;
  };
  const firstDate = index.firstDate.slice(0, first);
  const firstSeq = kept(index.firstSeq);
  const lowSeq = kept(index.lowSeq);
  const highSeq = kept(index.highSeq);
  const balanceBefore = kept(index.balanceBefore);
  let balance = first < index.balanceBefore.length ? (index.balanceBefore[first] as bigint) : index.balance;
  blocks.forEach((block, i) => {
    const at = first + i;
    if (Number(block.block) !== at || Number(block.first_line) !== at * index.blockLines)
      throw new Error(`the general-ledger index's block ${at} starts at line ${String(block.first_line)}`);
    firstDate.push(String(block.first_date));
    firstSeq[at] = BigInt(String(block.first_seq));
    lowSeq[at] = BigInt(String(block.low_seq));
    highSeq[at] = BigInt(String(block.high_seq));
    balanceBefore[at] = balance;
    balance += minorFromString(String(block.amount));
  });
  return { ...index, balance, firstDate, firstSeq, lowSeq, highSeq, balanceBefore };
}

/** The block length BLOCKS_SQL uses for `lines` lines: INDEX_BLOCK_LINES_MIN, or more to stay within INDEX_BLOCKS_MAX. */
export function blockLinesFor(lines: number, blockLinesMin = INDEX_BLOCK_LINES_MIN): number {
  return Math.max(blockLinesMin, Math.ceil(lines / INDEX_BLOCKS_MAX));
}
