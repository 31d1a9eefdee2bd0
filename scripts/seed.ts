import { seedDemo } from '../src/demo/seed.js';
import { withRuntime } from './lib/cli.js';

await withRuntime(async ({ deps, logger }) => {
  const result = await seedDemo({ db: deps.db, clock: deps.clock, logger });
  process.stdout.write(result.created ? `Demo Werkplein created (tenant ${result.tenantId}).\n` : 'Demo Werkplein already exists; nothing changed.\n');
});
