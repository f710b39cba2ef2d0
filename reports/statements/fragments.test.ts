// Month cuts: which ends of a range fall inside a month, so a statement reads lines only for those days.
import { describe, expect, it } from 'vitest';
import { martsVersion } from '../../transform/index.ts';
import { openFixture } from '../../transform/test-fixture.ts';
import { bindNamed } from '../bind.ts';
import {
  BEGINNING,
  cutsBefore,
  cutsKey,
  monthCuts,
  monthSplitBindings,
  shapeCache,
  splitByMonths,
} from './fragments.ts';
import { cashAccounts, fiscalStartMonth, fiscalYearStartPeriod, leafScope } from './kept.ts';

describe('month cuts', () => {
  it('see a range of whole months as uncut, and a start or end inside a month as cut', () => {
    expect(monthCuts('2025-01-01', '2025-12-31')).toEqual({ head: false, tail: false });
    expect(monthCuts('2025-01-02', '2025-12-31')).toEqual({ head: true, tail: false });
    expect(monthCuts('2025-01-01', '2025-12-30')).toEqual({ head: false, tail: true });
    expect(monthCuts(null, '2025-06-30')).toEqual({ head: false, tail: false });
  });

  it('know the last day of every month, leap years included', () => {
    expect(monthCuts(null, '2024-02-29').tail).toBe(false);
    expect(monthCuts(null, '2025-02-28').tail).toBe(false);
    expect(monthCuts(null, '2024-02-28').tail).toBe(true);
    expect(monthCuts(null, '2025-04-30').tail).toBe(false);
    expect(monthCuts(null, '2025-04-29').tail).toBe(true);
  });

  it('cut the range before a start inside a month at its tail only', () => {
    expect(cutsBefore('2025-03-01')).toEqual({ head: false, tail: false });
    expect(cutsBefore('2025-03-15')).toEqual({ head: false, tail: true });
    expect(cutsBefore(null)).toEqual({ head: false, tail: false });
    expect(cutsKey({ head: true, tail: false }, { head: false, tail: true })).toBe('h--t');
  });

  it('build each shape of SQL once', () => {
    const cached = shapeCache();
    let builds = 0;
    const build = () => `select ${++builds}`;
    expect(cached('a', build)).toBe('select 1');
    expect(cached('a', build)).toBe('select 1');
    expect(cached('b', build)).toBe('select 2');
  });
});

describe('month split bindings', () => {
  it('select the same months and days as the bounds computed in SQL, for any range', async () => {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const fc = (await import('fast-check')).default;
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      // A row per month and a row per day, 1999-2027: each range's rows name themselves.
      await connection.run(`
        create table monthly as
            select strftime(month, '%Y-%m') as period, 'm' || strftime(month, '%Y-%m') as tag
            from range(date '1999-01-01', date '2028-01-01', interval 1 month) as months(month);
        create table daily as
            select cast(day as date) as posting_date, 'd' || strftime(day, '%Y-%m-%d') as tag
            from range(date '1999-01-01', date '2028-01-01', interval 1 day) as days(day)`);
      const rowsOf = async (sql: string, values: Record<string, string>) => {
        const query = `select coalesce(string_agg(tag, ',' order by tag), '') as tags from (${sql})`;
        const reader = await connection.runAndReadAll(
          query,
          bindNamed(query, values) as Record<string, string>,
        );
        return String(reader.getRowObjectsJson()[0]?.tags);
      };
      const isoDate = fc
        .date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2026-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((date) => date.toISOString().slice(0, 10));
      await fc.assert(
        fc.asyncProperty(fc.option(isoDate, { nil: null }), isoDate, async (from, to) => {
          const split = {
            columns: 'tag',
            monthly: 'monthly',
            daily: 'daily',
            fromSql: from === null ? BEGINNING : 'cast($from as date)',
            toSql: 'cast($to as date)',
            where: 'true',
            cuts: monthCuts(from, to),
          };
          const inSql = await rowsOf(splitByMonths(split), { ...(from === null ? {} : { from }), to });
          const bound = await rowsOf(
            splitByMonths({ ...split, bound: 'range' }),
            monthSplitBindings('range', from, to),
          );
          expect(bound).toBe(inSql);
        }),
        { numRuns: 150 },
      );
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });
});

describe('fiscalYearStartPeriod', () => {
  it('starts the fiscal year in the start month of the same calendar year, or of the year before', () => {
    expect(fiscalYearStartPeriod('2025-06-30', 1)).toBe('2025-01');
    expect(fiscalYearStartPeriod('2025-06-30', 4)).toBe('2025-04');
    expect(fiscalYearStartPeriod('2025-03-31', 4)).toBe('2024-04');
    expect(fiscalYearStartPeriod('2025-04-01', 4)).toBe('2025-04');
    expect(fiscalYearStartPeriod('2025-12-31', 12)).toBe('2025-12');
    expect(fiscalYearStartPeriod('2025-11-30', 12)).toBe('2024-12');
  });
});

describe('fiscalStartMonth', () => {
  it('keeps the calendar’s start month, the cash accounts and account scopes until a transform run publishes a model', async () => {
    const f = await openFixture({ 'models/anything.sql': "{{ config(materialized='table') }}select 1 as n" });
    try {
      await f.exec('create schema if not exists marts');
      await f.exec("create table marts.dim_dates as select date '2025-04-01' as fiscal_year_start_date");
      await f.exec(`create table marts.dim_accounts as select * from (values
        ('1130', false, 'cash', '1000/1100/1130'), ('1110', false, 'cash', '1000/1100/1110'),
        ('1100', true, 'cash', '1000/1100'), ('1200', false, 'operating', '1000/1200')
      ) as t(code, is_group, cash_flow_category, path)`);
      expect(await fiscalStartMonth(f.db)).toBe(4);
      expect(await cashAccounts(f.db)).toBe('1110,1130');
      expect(await leafScope(f.db, '1100')).toEqual(['1110', '1130']);
      // An unknown code's empty scope is not kept: the account is found once it exists.
      expect(await leafScope(f.db, '1300')).toEqual([]);
      await f.exec("insert into marts.dim_accounts values ('1300', false, 'operating', '1000/1300')");
      expect(await leafScope(f.db, '1300')).toEqual(['1300']);
      // Changed past the transforms: the kept values stand, no query is made for them.
      await f.exec("update marts.dim_dates set fiscal_year_start_date = date '2025-07-01'");
      await f.exec("update marts.dim_accounts set cash_flow_category = 'cash' where code = '1200'");
      expect(await fiscalStartMonth(f.db)).toBe(4);
      expect(await cashAccounts(f.db)).toBe('1110,1130');
      await f.exec("update marts.dim_accounts set path = '1000/1200/1110' where code = '1110'");
      expect(await leafScope(f.db, '1100')).toEqual(['1110', '1130']);
      const version = martsVersion(f.db);
      await f.run();
      expect(martsVersion(f.db)).toBeGreaterThan(version);
      expect(await fiscalStartMonth(f.db)).toBe(7);
      expect(await cashAccounts(f.db)).toBe('1110,1130,1200');
      expect(await leafScope(f.db, '1100')).toEqual(['1130']);
    } finally {
      await f.dispose();
    }
  });
});
