// Test helpers: an in-memory CliIo and a scratch directory for database files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs one command line in-process with a captured output and the given environment only. */
export async function runCli(argv: string[], env: Record<string, string> = {}): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    env,
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export function scratchDir(): { path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'ledgerline-cli-'));
  return {
    path: (name) => join(dir, name),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
