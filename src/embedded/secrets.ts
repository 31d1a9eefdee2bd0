import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Secrets the embedded default generates once and keeps under VAR_DIR (mode 0600). */
export type LocalSecrets = { postgresPassword: string; meiliMasterKey: string; secretKey: string };

export async function loadOrCreateLocalSecrets(varDir: string): Promise<LocalSecrets> {
  const file = path.join(varDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    postgresPassword: randomBytes(18).toString('base64url'),
    meiliMasterKey: randomBytes(24).toString('hex'),
    secretKey: randomBytes(32).toString('base64url'),
  };
  await mkdir(varDir, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
