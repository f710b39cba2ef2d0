// CSV rendering: RFC 4180 quoting, nested period columns, and no formulas smuggled into text cells.
import { describe, expect, it } from 'vitest';
import { renderCsv } from './csv.ts';
import { column } from './definition.ts';

describe('renderCsv', () => {
  it('quotes separators and quotes, leaves empty cells empty and reads period columns one level down', () => {
    const csv = renderCsv({
      columns: [
        column('label', 'Line', 'text'),
        column('periods.2025-01', '2025-01', 'money'),
        column('pct', 'Change %', 'percent'),
      ],
      rows: [
        { label: 'Property, plant and "equipment"', periods: { '2025-01': '-10.50' }, pct: null },
        { label: 'Rent', periods: {}, pct: '12.50' },
      ],
    });
    expect(csv).toBe(
      'Line,2025-01,Change %\r\n"Property, plant and ""equipment""",-10.50,\r\nRent,,12.50\r\n',
    );
  });

  it('keeps a text cell that starts like a formula from running as one', () => {
    const csv = renderCsv({ columns: [column('memo', 'Memo', 'text')], rows: [{ memo: '=HYPERLINK("x")' }] });
    expect(csv).toBe(`Memo\r\n"'=HYPERLINK(""x"")"\r\n`);
  });
});
