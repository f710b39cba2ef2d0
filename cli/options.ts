// Option parsers shared by several commands; a bad value is a usage error (exit 2) raised by commander.
import { InvalidArgumentError, Option } from 'commander';
import { Role } from '../ingest/index.ts';

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535) {
    throw new InvalidArgumentError('a port is a whole number from 0 to 65535 (0 picks a free one).');
  }
  return port;
}

export function parseMonth(text: string): number {
  if (!/^(0?[1-9]|1[0-2])$/.test(text)) throw new InvalidArgumentError('a month is 1–12 (01–12).');
  return Number(text);
}

export function parseCurrency(text: string): string {
  if (!/^[A-Z]{3}$/.test(text)) throw new InvalidArgumentError('a currency is an ISO 4217 code such as EUR.');
  return text;
}

export function parseSeed(text: string): number {
  const seed = Number(text);
  if (!/^\d+$/.test(text) || seed > 0xffff_ffff) {
    throw new InvalidArgumentError('a seed is a whole number from 0 to 4294967295.');
  }
  return seed;
}

export function dbOption(
  description = 'database file (default: $LEDGERLINE_DB or ./data/ledgerline.duckdb)',
) {
  return new Option('--db <file>', description);
}

export function roleOption() {
  return new Option('--role <role>', 'what the holder may do').choices(Role.options).makeOptionMandatory();
}

export function portOption() {
  return new Option('--port <port>', 'port to listen on').argParser(parsePort).default(DEFAULT_PORT);
}

export function hostOption() {
  return new Option('--host <host>', 'interface to listen on (0.0.0.0 for all)').default(DEFAULT_HOST);
}
