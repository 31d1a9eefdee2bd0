import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { ProblemError } from '../http/problems.js';
import { jobseekerProblems } from '../jobseeker/jobseeker.errors.js';
import type { JobseekerIdentity, JobseekerOverview } from '../jobseeker/jobseeker.service.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, TextField } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { pageOf, pageRoute, type PageArea } from '../pages/pages.plugin.js';
import { RekentoolBody } from '../rekentool/rekentool.pages.js';
import { calculationQuerySchema } from '../rekentool/rekentool.schemas.js';
import { DAY_PARTS, WEEKDAYS } from '../schemas/schedule.js';
import type { Services } from '../services.js';
import { SECTORS } from '../employers/employers.schemas.js';
import { Choice, Fieldset, TextArea } from '../werkgever/werkgever.layout.js';
import { MijnPage } from './mijn.layout.js';
import {
  DAY_PART_LABELS,
  DAY_PART_SHORT,
  DOMAIN_LABELS,
  dutchDate,
  EVIDENCE_LABELS,
  EXPERIENCE_LABELS,
  label,
  LEVEL_LABELS,
  OWNER_LABELS,
  PROPOSAL_STATUS_LABELS,
  SECTOR_LABELS,
  TRAVEL_LABELS,
  WEEKDAY_LABELS,
} from './mijn.labels.js';

export type MijnDeps = { db: Db; services: Services; clock: Clock };

/** The person signed in: their Werkplein and their own candidate id, from the session only (never from the URL). */
function identityOf(request: FastifyRequest): JobseekerIdentity {
  const principal = pageOf(request).principal;
  if (!principal || principal.kind !== 'jobseeker') throw new Error('identityOf() without a signed-in jobseeker');
  return { tenantId: principal.tenantId, candidateId: principal.subjectId };
}

const ONLY = ['jobseeker'] as const;

/** A week grid in words: "maandag: vroeg, overdag". */
function Availability({ grid }: { grid: Record<string, string[]> | null }): Html {
  const days = WEEKDAYS.filter((day) => (grid?.[day] ?? []).length > 0);
  if (days.length === 0) return <Paragraph>Hier staat nog niets over.</Paragraph>;
  return (
    <ul class="utrecht-unordered-list">
      {days.map((day) => (
        <li class="utrecht-unordered-list__item">
          {WEEKDAY_LABELS[day]}: {(grid?.[day] ?? []).map((part) => label(DAY_PART_SHORT, part)).join(', ')}
        </li>
      ))}
    </ul>
  );
}

function Hours({ hours }: { hours: { now: number | null; target: number | null; rampUpPlan: number[] } }): Html {
  return (
    <Paragraph>
      Nu kunt u {hours.now ?? 'nog onbekend aantal'} uur per week werken. Uw doel is {hours.target ?? 'nog niet bekend'} uur per week.
      {hours.rampUpPlan.length > 0 ? ` U bouwt op in stappen: ${hours.rampUpPlan.join(' → ')} uur.` : ''}
    </Paragraph>
  );
}

/** "Wat wij weten": what the Werkplein knows about the person, in their words. No scores, no staff notes. */
function Overview({ overview }: { overview: JobseekerOverview }): Html {
  const profile = overview.profile;
  const intake = overview.intake?.answers as
    | {
        workWishes?: { titles?: string[]; sectors?: string[] };
        experience?: Array<{ kind: string; title: string; months?: number }>;
        availability?: { grid?: Record<string, string[]>; hoursNow?: number; hoursTarget?: number; rampUpPlan?: number[] };
        mobility?: { modes?: string[]; maxTravelMinutes?: number };
      }
    | undefined;
  return (
    <Fragment>
      <Heading>Wat het Werkplein van u weet</Heading>
      <Paragraph lead>
        Hier ziet u wat wij over u hebben opgeschreven. Klopt er iets niet? Geef het door via <Link href="/mijn/wensen">Wensen doorgeven</Link> of bel uw
        klantmanager.
      </Paragraph>
      <section class="kansrijk-stack" aria-labelledby="kop-gegevens">
        <Heading level={2}>
          <span id="kop-gegevens">Uw gegevens</span>
        </Heading>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">
            Naam: {overview.givenName} {overview.familyName}
          </li>
          <li class="utrecht-unordered-list__item">E-mailadres: {overview.email ?? 'niet bekend'}</li>
          <li class="utrecht-unordered-list__item">Uw nummer bij het Werkplein: {overview.reference}</li>
          <li class="utrecht-unordered-list__item">Uw klantmanager: {overview.accountManagerName ?? 'nog niet bekend'}</li>
        </ul>
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-wensen">
        <Heading level={2}>
          <span id="kop-wensen">Wat voor werk u zoekt</span>
        </Heading>
        {profile?.workWishes && profile.workWishes.titles.length + profile.workWishes.sectors.length > 0 ? (
          <ul class="utrecht-unordered-list">
            {profile.workWishes.titles.length > 0 ? <li class="utrecht-unordered-list__item">Werk: {profile.workWishes.titles.join(', ')}</li> : null}
            {profile.workWishes.sectors.length > 0 ? (
              <li class="utrecht-unordered-list__item">Soort bedrijf: {profile.workWishes.sectors.map((sector) => label(SECTOR_LABELS, sector)).join(', ')}</li>
            ) : null}
          </ul>
        ) : (
          <Paragraph>Hier staat nog niets over.</Paragraph>
        )}
        {profile ? <Hours hours={profile.hours} /> : null}
        <Heading level={3}>Wanneer u kunt werken</Heading>
        <Availability grid={profile?.availability ?? null} />
        {profile?.mobility ? (
          <Paragraph>
            Reizen: {profile.mobility.modes.map((mode) => label(TRAVEL_LABELS, mode)).join(', ') || 'nog niet bekend'}, tot {profile.mobility.maxTravelMinutes}{' '}
            minuten.
          </Paragraph>
        ) : null}
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-kunnen">
        <Heading level={2}>
          <span id="kop-kunnen">Wat u kunt</span>
        </Heading>
        {profile && profile.competencies.length > 0 ? (
          <ul class="utrecht-unordered-list">
            {profile.competencies.map((competency) => (
              <li class="utrecht-unordered-list__item">
                {competency.label}
                {competency.level ? `: ${label(LEVEL_LABELS, String(competency.level))}` : ''}
                {competency.evidence ? ` (${label(EVIDENCE_LABELS, competency.evidence)})` : ''}
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>Hier staat nog niets over.</Paragraph>
        )}
        {profile && profile.experience.length > 0 ? (
          <Fragment>
            <Heading level={3}>Wat u eerder deed</Heading>
            <ul class="utrecht-unordered-list">
              {profile.experience.map((item) => (
                <li class="utrecht-unordered-list__item">
                  {item.title} ({label(EXPERIENCE_LABELS, item.kind)}
                  {item.months ? `, ${item.months} maanden` : ''})
                </li>
              ))}
            </ul>
          </Fragment>
        ) : null}
        {profile && profile.certificates.length > 0 ? <Paragraph>Certificaten: {profile.certificates.join(', ')}.</Paragraph> : null}
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-intake">
        <Heading level={2}>
          <span id="kop-intake">Wat u vertelde bij het eerste gesprek</span>
        </Heading>
        {overview.intake && intake ? (
          <Fragment>
            <Paragraph>Het gesprek was op {dutchDate(overview.intake.submittedAt)}. U vertelde toen:</Paragraph>
            <ul class="utrecht-unordered-list">
              {intake.workWishes?.titles?.length ? (
                <li class="utrecht-unordered-list__item">Dit werk wilt u doen: {intake.workWishes.titles.join(', ')}.</li>
              ) : null}
              {intake.experience?.length ? (
                <li class="utrecht-unordered-list__item">Dit deed u eerder: {intake.experience.map((item) => item.title).join('; ')}.</li>
              ) : null}
              {intake.availability?.hoursTarget !== undefined ? (
                <li class="utrecht-unordered-list__item">
                  U wilt {intake.availability.hoursTarget} uur per week werken
                  {intake.availability.hoursNow !== undefined ? `, en nu kunt u ${intake.availability.hoursNow} uur` : ''}.
                </li>
              ) : null}
              {intake.mobility?.modes?.length ? (
                <li class="utrecht-unordered-list__item">
                  U reist met: {intake.mobility.modes.map((mode) => label(TRAVEL_LABELS, mode)).join(', ')}
                  {intake.mobility.maxTravelMinutes ? `, tot ${intake.mobility.maxTravelMinutes} minuten` : ''}.
                </li>
              ) : null}
            </ul>
          </Fragment>
        ) : (
          <Paragraph>Er is nog geen eerste gesprek opgeschreven.</Paragraph>
        )}
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-afspraken">
        <Heading level={2}>
          <span id="kop-afspraken">Wat we hebben afgesproken</span>
        </Heading>
        {overview.actions.length > 0 ? (
          <ul class="utrecht-unordered-list">
            {overview.actions.map((action) => (
              <li class="utrecht-unordered-list__item">
                {action.action} (over {label(DOMAIN_LABELS, action.domain)}; wie: {action.owner ? label(OWNER_LABELS, action.owner) : 'nog niet bekend'}).{' '}
                {action.status === 'done' ? `Klaar${action.doneAt ? ` sinds ${dutchDate(action.doneAt)}` : ''}.` : 'Nog niet klaar.'}
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>Er zijn nog geen afspraken.</Paragraph>
        )}
      </section>
      <Paragraph>
        Zie ook: <Link href="/mijn/vacatures">vacatures die u met uw klantmanager besprak</Link> en <Link href="/mijn/toestemmingen">uw toestemmingen</Link>.
      </Paragraph>
    </Fragment>
  );
}

const withdrawParams = z.object({ consentId: z.uuid() });
const vacancyParams = z.object({ vacancyId: z.uuid() });
const doneQuery = z.object({ klaar: z.enum(['ingetrokken', 'verstuurd', 'niets']).optional() });

/** The correction form as sent: checkboxes give a string or a list; numbers come as text. */
const listOf = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));
const hoursField = z
  .string()
  .trim()
  .max(3)
  .transform((value, ctx) => {
    if (value === '') return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0 || number > 48) {
      ctx.addIssue({ code: 'custom', message: 'Vul een heel getal in van 0 tot en met 48.' });
      return z.NEVER;
    }
    return number;
  });
const wishesBody = z.object({
  _csrf: z.string(),
  werk: z.string().max(1300).default(''),
  sector: listOf,
  ...Object.fromEntries(WEEKDAYS.map((day) => [`dag_${day}`, listOf])),
  urenNu: z.string().max(10).default(''),
  urenDoel: z.string().max(10).default(''),
  opbouw: z.string().max(100).default(''),
  toelichting: z.string().max(2000).default(''),
});
type WishesForm = { werk: string; sector: string[]; grid: Record<string, string[]>; urenNu: string; urenDoel: string; opbouw: string; toelichting: string };
type WishesErrors = Partial<Record<'werk' | 'urenNu' | 'urenDoel' | 'opbouw' | 'toelichting', string>>;

function WishesFormView({
  ctx,
  form,
  errors,
  proposals,
  done,
}: {
  ctx: import('../pages/components.js').PageContext;
  form: WishesForm;
  errors: WishesErrors;
  proposals: JobseekerOverview['proposals'];
  done?: string | undefined;
}): Html {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <MijnPage ctx={ctx} title="Wensen doorgeven">
      <Heading>Wensen doorgeven</Heading>
      {done === 'verstuurd' ? (
        <Alert type="ok">
          <Paragraph>Dank u wel. Uw klantmanager kijkt naar uw wijziging. Daarna ziet u hier of het is aangepast.</Paragraph>
        </Alert>
      ) : null}
      {done === 'niets' ? (
        <Alert type="info">
          <Paragraph>U hebt niets veranderd. Er is niets verstuurd.</Paragraph>
        </Alert>
      ) : null}
      {hasErrors ? (
        <Alert type="error" focus>
          <Paragraph>Niet alles is goed ingevuld. Kijk bij de velden met een melding.</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>
        Klopt uw werkwens of wanneer u kunt werken niet meer? Pas het hieronder aan. Uw klantmanager kijkt ernaar en past het dan aan. Tot die tijd blijft alles
        zoals het was.
      </Paragraph>
      <PostForm ctx={ctx} action="/mijn/wensen" className="kansrijk-stack">
        <TextField
          name="werk"
          label="Welk werk wilt u doen?"
          value={form.werk}
          error={errors.werk}
          description="Schrijf komma's tussen de soorten werk. Bijvoorbeeld: magazijnwerk, schoonmaak."
        />
        <Fieldset legend="In welk soort bedrijf wilt u werken?" id="veld-sector">
          {SECTORS.map((sector) => (
            <Choice type="checkbox" name="sector" value={sector} id={`sector-${sector}`} checked={form.sector.includes(sector)}>
              {label(SECTOR_LABELS, sector)}
            </Choice>
          ))}
        </Fieldset>
        <Fieldset legend="Wanneer kunt u werken?" description="Kies per dag de tijden waarop u kunt werken." id="veld-dagen">
          {WEEKDAYS.map((day) => (
            <Fieldset legend={WEEKDAY_LABELS[day]} id={`veld-dag-${day}`}>
              {DAY_PARTS.map((part) => (
                <Choice type="checkbox" name={`dag_${day}`} value={part} id={`dag-${day}-${part}`} checked={(form.grid[day] ?? []).includes(part)}>
                  {DAY_PART_LABELS[part]}
                </Choice>
              ))}
            </Fieldset>
          ))}
        </Fieldset>
        <TextField name="urenNu" label="Hoeveel uur per week kunt u nu werken?" value={form.urenNu} error={errors.urenNu} inputmode="numeric" />
        <TextField name="urenDoel" label="Hoeveel uur per week wilt u later werken?" value={form.urenDoel} error={errors.urenDoel} inputmode="numeric" />
        <TextField
          name="opbouw"
          label="Wilt u de uren langzaam opbouwen? Schrijf de stappen op."
          value={form.opbouw}
          error={errors.opbouw}
          description="Bijvoorbeeld: 16, 24, 32. Laat leeg als u niet wilt opbouwen."
        />
        <TextArea name="toelichting" id="veld-toelichting" label="Wilt u iets uitleggen aan uw klantmanager? (mag leeg blijven)" value={form.toelichting} />
        {errors.toelichting ? <Paragraph>{errors.toelichting}</Paragraph> : null}
        <Button>Stuur naar mijn klantmanager</Button>
      </PostForm>
      <section class="kansrijk-stack" aria-labelledby="kop-eerder">
        <Heading level={2}>
          <span id="kop-eerder">Wat u eerder doorgaf</span>
        </Heading>
        {proposals.length === 0 ? <Paragraph>U gaf nog niets door.</Paragraph> : null}
        <ul class="utrecht-unordered-list">
          {proposals.map((proposal) => (
            <li class="utrecht-unordered-list__item">
              {dutchDate(proposal.createdAt)}: {describeChanges(proposal.changes)}. Stand: {label(PROPOSAL_STATUS_LABELS, proposal.status)}.
              {proposal.decisionNote ? ` Uw klantmanager schreef: "${proposal.decisionNote}"` : ''}
            </li>
          ))}
        </ul>
      </section>
    </MijnPage>
  );
}

function describeChanges(changes: Record<string, unknown>): string {
  const parts: string[] = [];
  if (changes.workWishes) parts.push('werkwens');
  if (changes.availability) parts.push('wanneer u kunt werken');
  if (changes.hoursNow !== undefined || changes.hoursTarget !== undefined || changes.rampUpPlan !== undefined) parts.push('uren');
  return parts.length > 0 ? parts.join(', ') : 'een bericht';
}

function formOf(profile: JobseekerOverview['profile']): WishesForm {
  return {
    werk: profile?.workWishes?.titles.join(', ') ?? '',
    sector: profile?.workWishes?.sectors ?? [],
    grid: profile?.availability ?? {},
    urenNu: profile?.hours.now?.toString() ?? '',
    urenDoel: profile?.hours.target?.toString() ?? '',
    opbouw: profile?.hours.rampUpPlan.join(', ') ?? '',
    toelichting: '',
  };
}

/**
 * The jobseeker's own pages (issue 17, point 6): /mijn. Who the person is comes from the session
 * alone; the only ids in URLs are of vacancies discussed with them and of their own consents, and the
 * services look both up within the person's own data (another person's id finds nothing: 404).
 */
export function mijnPages(deps: MijnDeps): PageArea {
  const { db, services } = deps;
  return {
    prefix: '/mijn',
    roles: ['jobseeker'],
    views: { vacancy: (id) => `/mijn/vacatures/${id}` },
    routes: async (app) => {
      app.get('/', pageRoute({ access: ONLY }), async (request, reply) => {
        const ctx = pageOf(request);
        const overview = await services.jobseeker.overview(identityOf(request), 'nl');
        return reply.html(
          <MijnPage ctx={ctx} title="Wat wij weten">
            <Overview overview={overview} />
          </MijnPage>,
        );
      });

      app.get('/toestemmingen', pageRoute({ access: ONLY, querystring: doneQuery }), async (request, reply) => {
        const ctx = pageOf(request);
        const { klaar } = request.query as z.infer<typeof doneQuery>;
        const overview = await services.jobseeker.overview(identityOf(request), 'nl');
        const active = overview.consents.filter((consent) => consent.active);
        const ended = overview.consents.filter((consent) => !consent.active);
        return reply.html(
          <MijnPage ctx={ctx} title="Toestemmingen">
            <Heading>Uw toestemmingen</Heading>
            {klaar === 'ingetrokken' ? (
              <Alert type="ok">
                <Paragraph>Uw toestemming is ingetrokken. Dit geldt meteen.</Paragraph>
              </Alert>
            ) : null}
            <Paragraph>
              Hier ziet u waarvoor u toestemming gaf. U mag een toestemming altijd intrekken. Dat geldt meteen. Daarna delen wij die gegevens niet meer.
            </Paragraph>
            {active.length === 0 ? <Paragraph>U hebt nu geen toestemming gegeven.</Paragraph> : null}
            {active.map((consent) => (
              <section class="kansrijk-stack mijn-card" aria-labelledby={`toestemming-${consent.id}`}>
                <Heading level={2}>
                  <span id={`toestemming-${consent.id}`}>{consent.text}</span>
                </Heading>
                <Paragraph>
                  Gegeven op {dutchDate(consent.givenAt)}.{consent.expiresAt ? ` Geldt tot ${dutchDate(consent.expiresAt)}.` : ''}
                </Paragraph>
                <PostForm ctx={ctx} action={`/mijn/toestemmingen/${consent.id}/intrekken`} confirm="Weet u zeker dat u deze toestemming wilt intrekken?">
                  <Button variant="secondary">Toestemming intrekken</Button>
                </PostForm>
              </section>
            ))}
            {ended.length > 0 ? (
              <section class="kansrijk-stack" aria-labelledby="kop-vroeger">
                <Heading level={2}>
                  <span id="kop-vroeger">Toestemmingen die niet meer gelden</span>
                </Heading>
                <ul class="utrecht-unordered-list">
                  {ended.map((consent) => (
                    <li class="utrecht-unordered-list__item">
                      {consent.text}{' '}
                      {consent.withdrawnAt ? `Ingetrokken op ${dutchDate(consent.withdrawnAt)}.` : `Verlopen op ${dutchDate(consent.expiresAt)}.`}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </MijnPage>,
        );
      });

      app.post(
        '/toestemmingen/:consentId/intrekken',
        pageRoute({ access: ONLY, params: withdrawParams, body: z.object({ _csrf: z.string() }) }),
        async (request, reply) => {
          const { consentId } = request.params as z.infer<typeof withdrawParams>;
          const identity = identityOf(request);
          await db.transaction((tx) => services.jobseeker.withdrawOwnConsent(tx, identity, consentId));
          return reply.redirect('/mijn/toestemmingen?klaar=ingetrokken', 303);
        },
      );

      app.get('/vacatures', pageRoute({ access: ONLY }), async (request, reply) => {
        const ctx = pageOf(request);
        const overview = await services.jobseeker.overview(identityOf(request), 'nl');
        return reply.html(
          <MijnPage ctx={ctx} title="Vacatures">
            <Heading>Vacatures die u besprak</Heading>
            <Paragraph>Dit zijn de vacatures die uw klantmanager met u besprak. Bij elke vacature ziet u wat dit werk u per maand oplevert.</Paragraph>
            {overview.discussed.length === 0 ? <Paragraph>Uw klantmanager heeft nog geen vacatures met u besproken.</Paragraph> : null}
            <ul class="utrecht-unordered-list">
              {overview.discussed.map((vacancy) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={`/mijn/vacatures/${vacancy.vacancyId}`}>
                    {vacancy.title} bij {vacancy.employerName}
                  </Link>{' '}
                  (besproken op {dutchDate(vacancy.discussedAt)})
                </li>
              ))}
            </ul>
          </MijnPage>,
        );
      });

      // The rekentool for one discussed vacancy: the same view the klantmanager prints.
      app.get('/vacatures/:vacancyId', pageRoute({ access: ONLY, params: vacancyParams }), async (request, reply) => {
        const ctx = pageOf(request);
        const identity = identityOf(request);
        const { vacancyId } = request.params as z.infer<typeof vacancyParams>;
        if (!(await services.jobseeker.isDiscussed(identity, vacancyId))) throw new ProblemError(jobseekerProblems.not_discussed_with_you);
        const back = (
          <p class="kansrijk-noprint">
            <Link href="/mijn/vacatures">Terug naar uw vacatures</Link>. Afdrukken of bewaren als PDF: kies Afdrukken in uw browser.
          </p>
        );
        try {
          const result = await services.rekentool.calculateForVacancy(
            { tenantId: identity.tenantId, userId: null },
            { candidateId: identity.candidateId, vacancyId, query: calculationQuerySchema.parse({}), lang: 'nl' },
          );
          return reply.html(
            <MijnPage ctx={ctx} title={`Wat levert ${result.offer.title} op?`}>
              {back}
              <RekentoolBody result={result} />
            </MijnPage>,
          );
        } catch (error) {
          if (!(error instanceof ProblemError) || !['rekentool.household_missing', 'rekentool.no_rules'].includes(error.spec.code)) throw error;
          return reply.html(
            <MijnPage ctx={ctx} title="Wat levert dit werk op?">
              {back}
              <Heading>Wat levert dit werk op?</Heading>
              <Alert type="info">
                <Paragraph>
                  Wij kunnen dit nog niet voor u uitrekenen. Uw klantmanager moet eerst nog iets invullen. Vraag het bij uw volgende gesprek.
                </Paragraph>
              </Alert>
            </MijnPage>,
          );
        }
      });

      app.get('/wensen', pageRoute({ access: ONLY, querystring: doneQuery }), async (request, reply) => {
        const ctx = pageOf(request);
        const { klaar } = request.query as z.infer<typeof doneQuery>;
        const overview = await services.jobseeker.overview(identityOf(request), 'nl');
        return reply.html(<WishesFormView ctx={ctx} form={formOf(overview.profile)} errors={{}} proposals={overview.proposals} done={klaar} />);
      });

      app.post('/wensen', pageRoute({ access: ONLY, body: wishesBody }), async (request, reply) => {
        const ctx = pageOf(request);
        const identity = identityOf(request);
        const body = request.body as Record<string, unknown> & z.infer<typeof wishesBody>;
        const grid = Object.fromEntries(
          WEEKDAYS.map((day) => [day, ((body[`dag_${day}`] as string[] | undefined) ?? []).filter((part) => (DAY_PARTS as readonly string[]).includes(part))]),
        );
        const form: WishesForm = {
          werk: body.werk,
          sector: body.sector,
          grid,
          urenNu: body.urenNu,
          urenDoel: body.urenDoel,
          opbouw: body.opbouw,
          toelichting: body.toelichting,
        };
        const errors: WishesErrors = {};
        const titles = body.werk
          .split(',')
          .map((title) => title.trim())
          .filter(Boolean);
        if (titles.length > 10 || titles.some((title) => title.length > 120)) errors.werk = 'Schrijf hoogstens 10 soorten werk op, elk korter dan 120 tekens.';
        const hoursNow = hoursField.safeParse(body.urenNu);
        if (!hoursNow.success) errors.urenNu = 'Vul een heel getal in van 0 tot en met 48, of laat het leeg.';
        const hoursTarget = hoursField.safeParse(body.urenDoel);
        if (!hoursTarget.success) errors.urenDoel = 'Vul een heel getal in van 0 tot en met 48, of laat het leeg.';
        const steps = body.opbouw
          .split(/[,;\s→>-]+/)
          .map((step) => step.trim())
          .filter(Boolean);
        const rampUpPlan = steps.map(Number);
        if (steps.length > 8 || rampUpPlan.some((hours) => !Number.isInteger(hours) || hours < 1 || hours > 48))
          errors.opbouw = 'Schrijf hoogstens 8 stappen op, elk een heel getal van 1 tot en met 48. Bijvoorbeeld: 16, 24, 32.';
        const note = body.toelichting.trim();
        if (Object.keys(errors).length > 0) {
          const overview = await services.jobseeker.overview(identity, 'nl');
          return reply.html(<WishesFormView ctx={ctx} form={form} errors={errors} proposals={overview.proposals} />, 400);
        }
        const proposal = await db.transaction((tx) =>
          services.jobseeker.proposeCorrection(tx, identity, {
            titles,
            sectors: body.sector.filter((sector): sector is (typeof SECTORS)[number] => (SECTORS as readonly string[]).includes(sector)),
            availability: grid as never,
            hoursNow: hoursNow.data,
            hoursTarget: hoursTarget.data,
            rampUpPlan,
            note: note || undefined,
          }),
        );
        return reply.redirect(`/mijn/wensen?klaar=${proposal ? 'verstuurd' : 'niets'}`, 303);
      });
    },
  };
}
