// Number formatting for people: thousands separators on exact decimal strings (never via floats).

/** `"1234567.80"` → `"1,234,567.80"`; works on the decimal strings DuckDB returns. */
export function groupDigits(decimal: string | number): string {
  const text = String(decimal);
  const negative = text.startsWith('-');
  const [whole = '0', fraction] = (negative ? text.slice(1) : text).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${fraction === undefined ? '' : `.${fraction}`}`;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
