// Relations as SQL sees them (`"schema"."name"`), and quoting of identifiers and literals for DuckDB.

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** What `ref()`, `source()` and `this` return: prints as the quoted relation, and exposes dbt's attributes. */
export class Relation {
  constructor(
    readonly schema: string,
    readonly identifier: string,
    readonly database: string | null = null,
  ) {}

  /** dbt's Relation also answers to `.name` and `.table` with the identifier. */
  get name(): string {
    return this.identifier;
  }

  get table(): string {
    return this.identifier;
  }

  /** The database is left out: every relation lives in the one DuckDB file. */
  toString(): string {
    return `${quoteIdent(this.schema)}.${quoteIdent(this.identifier)}`;
  }
}
