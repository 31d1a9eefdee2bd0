import type { Logger } from 'pino';
import { loadConfig, type Config } from '../../src/config.js';
import { systemClock } from '../../src/clock.js';
import { createLogger } from '../../src/logging.js';
import { startRuntime, type Runtime } from '../../src/runtime.js';
import { createServices, serviceDepsOf, type ServiceDeps, type Services } from '../../src/services.js';

/** Parses `--name value` and `--flag` arguments. */
export function parseArgs(argv: string[] = process.argv.slice(2)): Map<string, string | true> {
  const args = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) continue;
    const next = argv[i + 1];
    if (next !== undefined && !next.startsWith('--')) {
      args.set(arg.slice(2), next);
      i += 1;
    } else {
      args.set(arg.slice(2), true);
    }
  }
  return args;
}

/** What a CLI task gets: the configuration, the servers, and the services wired as in the server (src/services.ts). */
export type CliContext = { config: Config; logger: Logger; runtime: Runtime; deps: ServiceDeps; services: Services };

/**
 * Runs a CLI task against the configured servers, or against the embedded ones (those of a
 * running Kansrijk when there is one, else started for the task and stopped afterwards).
 */
export async function withRuntime<T>(task: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  const runtime = await startRuntime(config, logger);
  try {
    const deps = serviceDepsOf({ runtime, config, clock: systemClock, logger });
    return await task({ config, logger, runtime, deps, services: createServices(deps) });
  } finally {
    await runtime.stop();
  }
}

export function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}
