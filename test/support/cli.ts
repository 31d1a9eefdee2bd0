import { spawn } from 'node:child_process';
import path from 'node:path';
import { testSearch, testWorkDir } from './harness.js';

/**
 * How a test starts a TypeScript file in a child process: with the test processes' own loader
 * (./loader: in-thread hooks, transpiled files cached for the run), not tsx (its hooks run in a
 * thread of their own and transpile every file again: ~0.8 s more per child).
 */
export const TYPESCRIPT_IMPORT = ['--import', new URL('./loader/register.mjs', import.meta.url).href];

/** The secret key CLI runs in tests share with the test app, so that links they print open there. */
export const TEST_SECRET_KEY = 'test-secret-key-for-cli-and-app-0123456789';

/**
 * Runs an npm-script's CLI entry point (`scripts/<script>.ts`) as an operator would, as a child
 * process against this test file's database and the test Meilisearch.
 */
export async function runCli({
  script,
  args,
  databaseUrl,
  env = {},
}: {
  script: string;
  args: string[];
  databaseUrl: string;
  env?: Record<string, string>;
}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const search = testSearch();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TYPESCRIPT_IMPORT, path.resolve('scripts', `${script}.ts`), ...args], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        MEILI_URL: search.url,
        MEILI_MASTER_KEY: search.masterKey,
        SECRET_KEY: TEST_SECRET_KEY,
        PUBLIC_URL: 'http://127.0.0.1:3000',
        VAR_DIR: path.join(testWorkDir(), `cli-${script}`),
        LOG_LEVEL: 'warn',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += String(chunk)));
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}
