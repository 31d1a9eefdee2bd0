import { defineConfig } from 'drizzle-kit';

// Only `drizzle-kit generate` reads this: migrations are generated, reviewed and committed, never pushed.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
