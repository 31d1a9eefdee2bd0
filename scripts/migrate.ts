import { withRuntime } from './lib/cli.js';

// startRuntime applies the migrations (under an advisory lock); this command only reports it.
await withRuntime(async ({ runtime }) => {
  process.stdout.write(`Migrations applied (${runtime.embedded.postgres ? 'embedded PostgreSQL' : 'DATABASE_URL'}).\n`);
});
