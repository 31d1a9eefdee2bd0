import type { Meilisearch } from 'meilisearch';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { createAuditService } from './audit/audit.service.js';
import { createCandidateService } from './candidates/candidates.service.js';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import { createDigestService } from './digests/digests.service.js';
import { createEmployerService } from './employers/employers.service.js';
import { createGrowthPlanService } from './growth-plans/growth-plans.service.js';
import { createJobseekerService } from './jobseeker/jobseeker.service.js';
import type { Mailer } from './mail/mailer.js';
import { createMatchingService } from './matching/matching.service.js';
import { createSessionService, defaultSessionSettings, type SessionSettings } from './pages/sessions.service.js';
import { createPlacementService } from './placements/placements.service.js';
import { createPrivacyService } from './privacy/privacy.service.js';
import { createRekentoolService } from './rekentool/rekentool.service.js';
import { createReportService } from './reports/reports.service.js';
import type { Runtime } from './runtime.js';
import { createSearchService } from './search/search.service.js';
import { createSettingsService } from './settings/settings.service.js';
import { createShortlistService } from './shortlists/shortlists.service.js';
import { createTaxonomyService } from './taxonomy/taxonomy.service.js';
import { createTenantService } from './tenants/tenants.service.js';
import { createUserService } from './users/users.service.js';
import { createVacancyImportService } from './vacancies/vacancies.import.js';
import { createVacancyService } from './vacancies/vacancies.service.js';

/**
 * What the services talk to: passed in, never imported, so that the server, the jobs, the scripts
 * and the tests wire the same services to real or test dependencies, all on one clock.
 */
export type ServiceDeps = {
  db: Db;
  /** The search server; null where a process runs without one (search then answers 503). */
  search: Meilisearch | null;
  /** Prefix of every search index name, so that tests keep theirs apart; '' in production. */
  searchPrefix: string;
  clock: Clock;
  logger: Logger;
  /** Where mail goes; null where a process sends none (the pages then log instead of mailing sign-in links). */
  mailer: Mailer | null;
  /** HMAC secret for signed links (unsubscribe). */
  secretKey: string;
  /** Base URL of links in e-mails (PUBLIC_URL). */
  publicUrl: string;
  /** Lifetime of new API tokens in days (TOKEN_TTL_DAYS). */
  tokenTtlDays: number;
  /** Page sessions and sign-in links: idle and absolute lifetimes, link lifetime, links per quarter. */
  sessionSettings: SessionSettings;
};

/** Builds every service once, from the dependencies given: the one wiring of Kansrijk. */
export function createServices(deps: ServiceDeps) {
  const { db, search, searchPrefix, clock, logger } = deps;
  const vacancies = createVacancyService({ db, clock });
  const candidates = createCandidateService({ db, clock });
  const users = createUserService({ db, clock, tokenTtlDays: deps.tokenTtlDays });
  const sessions = createSessionService({ db, clock, secretKey: deps.secretKey, settings: deps.sessionSettings });
  return {
    users,
    employers: createEmployerService({ db, clock }),
    vacancies,
    /** `npm run vacancies:import`: JobPostings into an employer's drafts, through the vacancy service. */
    vacancyImport: createVacancyImportService({ db, vacancies }),
    growthPlans: createGrowthPlanService({ db, clock, vacancies }),
    taxonomy: createTaxonomyService({ db, search, indexPrefix: searchPrefix, clock }),
    search: createSearchService({ db, search, prefix: searchPrefix, clock, logger }),
    candidates,
    settings: createSettingsService({ db, clock }),
    shortlists: createShortlistService({ db, clock }),
    placements: createPlacementService({ db, clock, candidates }),
    matching: createMatchingService({ db, clock }),
    privacy: createPrivacyService({ db, search, searchPrefix, clock, logger, mailCopies: deps.mailer?.copies }),
    reports: createReportService({ db, clock }),
    audit: createAuditService({ db }),
    digests: createDigestService({ db, clock, secretKey: deps.secretKey, publicUrl: deps.publicUrl }),
    rekentool: createRekentoolService({ db, clock }),
    jobseeker: createJobseekerService({ db, clock, candidates }),
    sessions,
    /** The operator's tenant commands (CLI only; no route reaches them). */
    tenants: createTenantService({ db, clock, search, searchPrefix, sessions, users, publicUrl: deps.publicUrl, logger }),
  };
}

export type Services = ReturnType<typeof createServices>;

/** What every domain's route plugin gets from src/app.ts (typed here, so routes never import the app). */
export type RouteDeps = { db: Db; services: Services };

/** The base URL of links: PUBLIC_URL, else where the server listens (set PUBLIC_URL with PORT=0). */
export function publicUrlOf(config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT'>): string {
  return config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
}

/** The dependencies of a process started from the configuration: the server and the CLI scripts. */
export function serviceDepsOf({
  runtime,
  config,
  clock,
  logger,
}: {
  runtime: Runtime;
  config: Pick<Config, 'PUBLIC_URL' | 'HOST' | 'PORT' | 'TOKEN_TTL_DAYS' | 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS' | 'SIGN_IN_LINK_MINUTES'>;
  clock: Clock;
  logger: Logger;
}): ServiceDeps {
  return {
    db: runtime.database.db,
    search: runtime.search,
    searchPrefix: '',
    clock,
    logger,
    mailer: runtime.mailer,
    secretKey: runtime.secretKey,
    publicUrl: publicUrlOf(config),
    tokenTtlDays: config.TOKEN_TTL_DAYS,
    sessionSettings: {
      ...defaultSessionSettings,
      idleMinutes: config.SESSION_IDLE_MINUTES,
      maxHours: config.SESSION_MAX_HOURS,
      linkMinutes: config.SIGN_IN_LINK_MINUTES,
    },
  };
}
