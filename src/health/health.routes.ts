import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Meilisearch } from 'meilisearch';
import { z } from 'zod';
import type { Database } from '../../db/client.js';
import { access } from '../auth/roles.js';

const checkSchema = z.enum(['ok', 'unavailable']);
const readySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.object({ postgres: checkSchema, meilisearch: checkSchema }),
});

async function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** /healthz: the process is alive. /readyz: Postgres and Meilisearch answer, else 503. */
export async function healthRoutes(app: FastifyInstance, options: { database: Database; search: Meilisearch | null }) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/healthz',
    {
      config: { access: access.public, rateLimit: false },
      schema: { tags: ['health'], summary: 'The process is alive', security: [], response: { 200: z.object({ status: z.literal('ok') }) } },
    },
    async () => ({ status: 'ok' as const }),
  );
  typed.get(
    '/readyz',
    {
      config: { access: access.public, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Postgres and Meilisearch are reachable',
        security: [],
        response: { 200: readySchema, 503: readySchema },
      },
    },
    async (_request, reply) => {
      const [postgres, meilisearch] = await Promise.all([
        within(2_000, options.database.db.execute(sql`select 1`)).then(
          () => 'ok' as const,
          () => 'unavailable' as const,
        ),
        options.search
          ? within(2_000, options.search.health()).then(
              () => 'ok' as const,
              () => 'unavailable' as const,
            )
          : Promise.resolve('unavailable' as const),
      ]);
      const ready = postgres === 'ok' && meilisearch === 'ok';
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks: { postgres, meilisearch } });
    },
  );
  typed.get('/openapi.json', { config: { access: access.public }, schema: { hide: true } }, async () => app.swagger());
}
