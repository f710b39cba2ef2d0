// Lists and dicts from var() print as Python does (`['a', 'b']`), so `{{ var('x') }}` renders as in dbt.

/** An array that still loops and filters like one, but prints as a Python list. */
class PyList extends Array<unknown> {
  override toString(): string {
    return `[${Array.from(this, repr).join(', ')}]`;
  }
}

/** Copies `value`, giving lists and dicts Python's printed form; scalars pass through. */
export function pythonLike(value: unknown): unknown {
  if (Array.isArray(value)) {
    const list = new PyList();
    for (const item of value) list.push(pythonLike(item));
    return list;
  }
  if (typeof value === 'object' && value !== null) {
    const dict: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) dict[key] = pythonLike(item);
    // Not enumerable, so `{% for key in dict %}` still sees only the keys.
    Object.defineProperty(dict, 'toString', { value: () => reprDict(dict), enumerable: false });
    return dict;
  }
  return value;
}

function reprDict(dict: Record<string, unknown>): string {
  return `{${Object.entries(dict)
    .map(([key, item]) => `${repr(key)}: ${repr(item)}`)
    .join(', ')}}`;
}

/** Python's repr: single quotes unless the text holds one and no double quote. */
function repr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const escaped = value.replaceAll('\\', '\\\\').replaceAll(quote, `\\${quote}`);
    return `${quote}${escaped}${quote}`;
  }
  return String(value);
}
