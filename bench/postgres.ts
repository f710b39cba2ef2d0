// A throwaway PostgreSQL cluster for the statement benchmark: initdb in a temp dir, served on a loopback port,
// stopped and removed afterwards. PostgreSQL refuses to run as root, so as root it runs as the `postgres`
// user (Debian's package creates it) through runuser.
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { freePort } from '../tests/support/server.ts';

/** Names PostgreSQL's bin directory when it is neither on PATH nor in Debian's /usr/lib/postgresql/<major>/bin. */
export const PG_BIN_ENV = 'LEDGERLINE_BENCH_PG_BIN';
/** Where Debian and Ubuntu install the server binaries, one folder per major version. */
const DEBIAN_PG_ROOT = '/usr/lib/postgresql';
/** The OS user the cluster runs as when the bench runs as root. */
const SERVICE_USER = 'postgres';
/** How long pg_ctl waits for the server to start or stop. */
const PG_CTL_TIMEOUT_S = 60;

/**
 * Server settings: sized like DuckDB (4 GB, its memory_limit) and tuned for reads as an ERP's DBA would;
 * durability is off because the cluster is thrown away (it speeds up the load, not the queries).
 */
const SETTINGS: Record<string, string> = {
  listen_addresses: '127.0.0.1',
  shared_buffers: '4GB',
  effective_cache_size: '16GB',
  work_mem: '256MB',
  maintenance_work_mem: '1GB',
  max_parallel_workers_per_gather: '2',
  random_page_cost: '1.1',
  max_wal_size: '8GB',
  wal_level: 'minimal',
  max_wal_senders: '0',
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

export interface Cluster {
  port: number;
  /** A directory the server may read (CSV files to COPY from). */
  dir: string;
  version: string;
  stop(): Promise<void>;
}

/** initdb and pg_ctl, or null when PostgreSQL's server binaries are not installed. */
export function findPgBin(): string | null {
  const candidates = [
    process.env[PG_BIN_ENV],
    ...(process.env.PATH ?? '').split(delimiter),
    ...debianBinDirs(),
  ].filter((dir): dir is string => Boolean(dir));
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) ?? null;
}

function debianBinDirs(): string[] {
  if (!existsSync(DEBIAN_PG_ROOT)) return [];
  return readdirSync(DEBIAN_PG_ROOT)
    .filter((name) => /^\d+$/.test(name))
    .sort((a, b) => Number(b) - Number(a))
    .map((major) => join(DEBIAN_PG_ROOT, major, 'bin'));
}

/** Runs a PostgreSQL binary, as SERVICE_USER when we are root; throws with its output when it fails. */
function runPg(bin: string, tool: string, args: string[]): string {
  const command = join(bin, tool);
  const asRoot = process.getuid?.() === 0;
  const result = asRoot
    ? spawnSync('runuser', ['-u', SERVICE_USER, '--', command, ...args], { encoding: 'utf8' })
    : spawnSync(command, args, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${tool} failed (${result.status}): ${result.error?.message ?? ''}${result.stderr}`);
  return result.stdout;
}

/** A dir the server's user owns (so initdb can write there) and we can write CSV files into. */
function clusterDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-bench-pg-'));
  if (process.getuid?.() === 0) {
    const owner = spawnSync('id', ['-u', SERVICE_USER], { encoding: 'utf8' });
    const group = spawnSync('id', ['-g', SERVICE_USER], { encoding: 'utf8' });
    if (owner.status !== 0)
      throw new Error(
        `running as root needs the "${SERVICE_USER}" user (apt-get install postgresql creates it)`,
      );
    chownSync(dir, Number(owner.stdout.trim()), Number(group.stdout.trim()));
  }
  chmodSync(dir, 0o755);
  return dir;
}

/** Creates and starts a cluster on a free loopback port (trust auth for the `postgres` role). */
export async function startCluster(bin: string): Promise<Cluster> {
  const dir = clusterDir();
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    runPg(bin, 'initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '-N']);
    const options = Object.entries({ ...SETTINGS, port: String(port), unix_socket_directories: dir })
      .map(([key, value]) => `-c ${key}=${value}`)
      .join(' ');
    runPg(bin, 'pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-o',
      options,
      '-t',
      `${PG_CTL_TIMEOUT_S}`,
      '-w',
      'start',
    ]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  // `postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)` → `15.18`
  const version = /\(PostgreSQL\) (\S+)/.exec(runPg(bin, 'postgres', ['--version']))?.[1] ?? 'unknown';
  return {
    port,
    dir,
    version,
    stop: async () => {
      try {
        runPg(bin, 'pg_ctl', ['-D', data, '-m', 'fast', '-t', `${PG_CTL_TIMEOUT_S}`, '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** The settings above as one line for the bench output. */
export function settingsSummary(): string {
  const shown = ['shared_buffers', 'work_mem', 'max_parallel_workers_per_gather', 'random_page_cost'];
  return shown.map((key) => `${key}=${SETTINGS[key]}`).join(', ');
}
