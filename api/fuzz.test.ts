// Property test: random and malformed payloads on the journal endpoints never cause a 5xx or a stray write.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { journal, openTestApi, type TestApi } from './testing.ts';

let api: TestApi;
beforeAll(async () => {
  api = await openTestApi();
});
afterAll(() => api.close());

const amount = fc.oneof(
  fc.stringMatching(/^-?\d{1,20}(\.\d{0,4})?$/),
  fc.integer({ min: -1_000, max: 1_000_000 }),
  fc.double({ noNaN: true }),
  fc.constantFrom('100.00', '1e3', ' 100 ', '', '١٢٣'),
);
const anyValue = fc.oneof(fc.jsonValue({ maxDepth: 3 }), amount, fc.string());
const code = fc.oneof(fc.constantFrom('6310', '1130', '1110', '1000', '9999', 'ADM', 'FIN', ''), fc.string());
const date = fc.oneof(fc.constantFrom('2025-01-15', '2025-02-29', '1999-12-31', '2025-1-5'), fc.string());

/** A valid journal with one random change: a field dropped, replaced, added, or a line altered. */
const mutatedJournal = fc
  .tuple(
    fc.integer({ min: 0, max: 6 }),
    fc.constantFrom('date', 'memo', 'lines', 'reference', 'extra'),
    fc.constantFrom('account', 'debit', 'credit', 'department', 'project', 'memo', 'extra'),
    anyValue,
    code,
    amount,
    date,
  )
  .map(([kind, field, lineField, value, someCode, someAmount, someDate]) => {
    const base: Record<string, unknown> = journal();
    const lines = base.lines as Array<Record<string, unknown>>;
    const line = lines[0] as Record<string, unknown>;
    if (kind === 0) delete base[field];
    else if (kind === 1) base[field] = value;
    else if (kind === 2) line[lineField] = value;
    else if (kind === 3) line.account = someCode;
    else if (kind === 4) line.debit = someAmount;
    else if (kind === 5) base.date = someDate;
    else lines.push({ ...line });
    return base;
  });

type Payload = { path: string; raw: string };

const single = fc
  .oneof(mutatedJournal, anyValue)
  .map((body): Payload => ({ path: '/api/v1/journals', raw: JSON.stringify(body) }));
const batch = fc
  .oneof(
    fc.array(fc.oneof(mutatedJournal, anyValue), { maxLength: 4 }).map((journals) => ({ journals })),
    anyValue,
  )
  .map((body): Payload => ({ path: '/api/v1/journals/batch', raw: JSON.stringify(body) }));
/** Random text, or a valid batch cut short at a random point (sometimes not short at all). */
const malformed = fc
  .tuple(fc.constantFrom('/api/v1/journals', '/api/v1/journals/batch'), fc.oneof(fc.string(), fc.nat(200)))
  .map(
    ([path, text]): Payload => ({
      path,
      raw: typeof text === 'number' ? JSON.stringify({ journals: [journal()] }).slice(0, text) : text,
    }),
  );

/** The journals a payload holds, as the endpoint would read them (none when it is not JSON). */
function itemsOf({ path, raw }: Payload): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return [];
  }
  if (path === '/api/v1/journals') return [body];
  const journals = (body as { journals?: unknown } | null)?.journals;
  return Array.isArray(journals) ? journals : [];
}

const linesOf = (item: unknown) => ((item as { lines?: unknown[] } | null)?.lines ?? []).length;

describe('fuzzing the journal endpoints', () => {
  it('answers 200 random and malformed payloads with 4xx or success, never 5xx, and writes nothing when refusing', async () => {
    const counts = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(single, batch, malformed), async (payload) => {
        const { path, raw } = payload;
        const items = itemsOf(payload);
        const before = await api.count('facts.journal_lines');
        const response = await api.call('POST', path, {
          raw,
          headers: { 'Content-Type': 'application/json' },
        });
        const body = (await response.json()) as { results?: Array<{ index: number; status: string }> };
        expect(response.status, raw.slice(0, 300)).toBeLessThan(500);
        const after = await api.count('facts.journal_lines');
        if (response.status === 201) {
          expect(after - before).toBe(linesOf(items[0]));
        } else if (response.status === 200) {
          const accepted = (body.results ?? []).filter((result) => result.status === 'accepted');
          expect(after - before).toBe(
            accepted.reduce((sum, result) => sum + linesOf(items[result.index]), 0),
          );
        } else {
          expect(response.headers.get('content-type')).toBe('application/problem+json');
          expect(after).toBe(before);
        }
        counts[response.status < 300 ? 'accepted' : 'refused']++;
      }),
      { numRuns: Number(process.env.LEDGERLINE_FUZZ_RUNS ?? 200) },
    );
    expect(counts.refused).toBeGreaterThan(50);
    expect(counts.accepted).toBeGreaterThan(0);
  });
});
