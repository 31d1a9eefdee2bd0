/**
 * Import-graph rules (issue 12; HOUSE-STYLE "data flows one way"), checked in CI by `npm run lint:deps`.
 * Type-only imports count too: a circle of types is still a circle a reader has to hold in their head.
 * Unresolvable imports are left to `tsc --noEmit` (it knows the type-only packages).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Modules import each other in a circle: break it (move the shared part down, or pass it in).',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'search-not-to-src',
      comment: 'search/ is the engine layer: it depends on nothing in src/ (src/search hands it what it needs).',
      severity: 'error',
      from: { path: '^search/' },
      to: { path: '^src/' },
    },
    {
      name: 'db-not-to-src',
      comment: 'db/ (schema, client, migrations) depends on nothing in src/.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: '^src/' },
    },
    {
      name: 'pg-only-in-db-client',
      comment:
        'Connections to PostgreSQL are made only in db/client.ts (createDatabase, connectClient, withOwnSession), where every ' +
        'client gets an error listener and a lost connection is given back to the pool (issue 11.1). Types may be imported anywhere.',
      severity: 'error',
      from: { pathNot: '^db/client\\.ts$' },
      to: { path: '^node_modules/(pg|pg-pool)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'drizzle-driver-only-in-db',
      comment: "drizzle's node-postgres driver can open its own pool from a URL: only db/ uses it (db/client.ts hands out handles).",
      severity: 'error',
      from: { pathNot: '^db/' },
      to: { path: '^node_modules/drizzle-orm/node-postgres/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // Packages are not followed, but kept as targets so that rules can name them (pg-only-in-db-client).
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(var|coverage|\\.tap)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
