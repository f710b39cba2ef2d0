// Pages of the general ledger by arithmetic on its page index (ledger-index.ts): a range's opening balance,
// debits, credits and line count, and the window of lines that holds a page.
import type { LedgerIndex } from './ledger-index.ts';

/** A range's figures, from the index alone (amounts in minor units). */
export interface RangeFigures {
  opening: bigint;
  debit: bigint;
  credit: bigint;
  lineCount: number;
  /** Lines of the scope before the range. */
  linesBefore: number;
}

export function rangeFigures(index: LedgerIndex, from: string, to: string): RangeFigures {
  const start = firstDateIndex(index.dates, (date) => date >= from);
  const end = Math.max(
    start,
    firstDateIndex(index.dates, (date) => date > to),
  );
  const at = (values: bigint[], i: number) => values[i] ?? 0n;
  return {
    opening: at(index.debitBefore, start) - at(index.creditBefore, start),
    debit: at(index.debitBefore, end) - at(index.debitBefore, start),
    credit: at(index.creditBefore, end) - at(index.creditBefore, start),
    lineCount: (index.linesBefore[end] ?? 0) - (index.linesBefore[start] ?? 0),
    linesBefore: index.linesBefore[start] ?? 0,
  };
}

/** The first position in ascending `dates` where `past` holds (dates.length when it never does). */
export function firstDateIndex(dates: string[], past: (date: string) => boolean): number {
  let low = 0;
  let high = dates.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (past(dates[middle] as string)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Where a page's lines are read: the lines from key (lowDate, lowSeq) inclusive to key (highDate, highSeq)
 * exclusive, all within seq lowSeqBound..highSeqBound; `lines` of them, in reading order. The page is the
 * `take` lines after the first `skip`, and `balanceBefore` is the scope's balance before the first one read.
 */
export interface PageWindow {
  lowDate: string;
  lowSeq: bigint;
  highDate: string;
  highSeq: bigint;
  lowSeqBound: bigint;
  highSeqBound: bigint;
  lines: number;
  skip: number;
  take: number;
  balanceBefore: bigint;
}

/** The window holding lines [offset, offset + limit) of a range, or null when the page is empty. */
export function pageWindow(
  index: LedgerIndex,
  range: RangeFigures,
  offset: number,
  limit: number,
): PageWindow | null {
  const first = range.linesBefore + offset;
  const end = Math.min(first + limit, range.linesBefore + range.lineCount);
  if (first >= end) return null;
  const { blockLines } = index;
  const startBlock = Math.floor(first / blockLines);
  const endBlock = Math.ceil(end / blockLines);
  let lowSeqBound = index.lowSeq[startBlock] as bigint;
  let highSeqBound = index.highSeq[startBlock] as bigint;
  for (let block = startBlock + 1; block < endBlock; block++) {
    const low = index.lowSeq[block] as bigint;
    const high = index.highSeq[block] as bigint;
    if (low < lowSeqBound) lowSeqBound = low;
    if (high > highSeqBound) highSeqBound = high;
  }
  const last = endBlock >= index.firstDate.length;
  return {
    lowDate: index.firstDate[startBlock] as string,
    lowSeq: index.firstSeq[startBlock] as bigint,
    // Past the last block: every line up to the last date, and every seq of the span.
    highDate: last ? (index.dates.at(-1) as string) : (index.firstDate[endBlock] as string),
    highSeq: last ? highSeqBound + 1n : (index.firstSeq[endBlock] as bigint),
    lowSeqBound,
    highSeqBound,
    lines: Math.min(endBlock * blockLines, index.lineCount) - startBlock * blockLines,
    skip: first - startBlock * blockLines,
    take: end - first,
    balanceBefore: index.balanceBefore[startBlock] as bigint,
  };
}
