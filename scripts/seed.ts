import { seedDemo } from '../src/demo/seed.js';
import { systemClock } from '../src/clock.js';
import { withRuntime } from './lib/cli.js';

await withRuntime(async ({ runtime, logger }) => {
  const result = await seedDemo({ db: runtime.database.db, clock: systemClock, logger });
  process.stdout.write(result.created ? `Demo Werkplein created (tenant ${result.tenantId}).\n` : 'Demo Werkplein already exists; nothing changed.\n');
});
