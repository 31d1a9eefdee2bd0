import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Principal } from '../auth/roles.js';
import type { Clock } from '../clock.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import { sentence } from '../matching/matcher.messages.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, type PageContext } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { amsterdamDate } from '../placements/calendar.js';
import { CHECK_IN_GOING_WELL_LABELS } from '../placements/placements.labels.js';
import { placementProblems } from '../placements/placements.errors.js';
import { recordCheckInBodySchema, type EmployerMoment } from '../placements/placements.schemas.js';
import type { EmployerHire } from '../placements/placements.service.js';
import type { Services } from '../services.js';
import { CONTRACT_LABELS, dutchDay, label, plural } from './werkgever.labels.js';
import { Choice, Fieldset, FormKey, TextArea, WerkgeverPage } from './werkgever.layout.js';
import { requestHash, submitOnce } from './werkgever.once.js';

/*
 * "Medewerkers" (issue 15.5): the people the employer hired through the Werkplein, their follow-up
 * moments at 1, 3 and 6 months, and a check-in of two questions per moment ("gaat het goed?", "is er
 * iets nodig?") that reaches the klantmanager at once (GET /v1/me/inbox, werkplek Mijn werk). The
 * view is the employer's own: the work agreed, a name only with the person's consent; never the
 * Werkplein's follow-up outcomes or notes.
 */

type Deps = { db: Db; services: Services; clock: Clock };
const idParams = z.object({ id: z.uuid() });

/** The name the person agreed to share, or words that say it is not shared. */
export const nameOf = (hire: EmployerHire) => hire.name ?? `Uw medewerker als ${hire.vacancy.title}`;

/** The check-in's questions as the error summary names and links them (to the first answer of each). */
const CHECK_IN_QUESTIONS: Record<string, { name: string; href: string }> = {
  moment: { name: 'Welke check-in?', href: '#veld-moment' },
  goed: { name: 'Gaat het goed?', href: '#goed-yes' },
  nodig: { name: 'Is er iets nodig?', href: '#nodig-nee' },
};

/** Moments whose check-in can be given today: open, not given, while the person works there. */
export function openMoments(hire: EmployerHire, today: string): EmployerMoment[] {
  if (hire.status !== 'active') return [];
  return hire.moments.filter((moment) => moment.checkIn === null && moment.opensOn <= today);
}

/** What waits for the employer for one person, the same on the overview and the list: "er staat een check-in … klaar". */
export function checkInsWaiting(open: number): string {
  return open === 1 ? 'er staat een check-in van twee vragen voor u klaar' : `er staan ${open} check-ins van twee vragen voor u klaar`;
}

function MomentLine({ moment, hire, today }: { moment: EmployerMoment; hire: EmployerHire; today: string }): Html {
  const after = `Na ${plural(moment.monthMark, 'maand', 'maanden')} (${dutchDay(moment.dueOn)})`;
  if (moment.checkIn) {
    return (
      <li class="utrecht-unordered-list__item">
        {after}: check-in gegeven op {dutchDay(moment.checkIn.givenAt)}. Gaat het goed? {label(CHECK_IN_GOING_WELL_LABELS, moment.checkIn.goingWell)}. Is er
        iets nodig? {moment.checkIn.needsSomething ? 'ja' : 'nee'}.
      </li>
    );
  }
  if (hire.status !== 'active') return <li class="utrecht-unordered-list__item">{after}: niet meer nodig.</li>;
  return (
    <li class="utrecht-unordered-list__item">
      {after}: {moment.opensOn <= today ? <strong>u kunt nu de check-in invullen.</strong> : `check-in kan vanaf ${dutchDay(moment.opensOn)}.`}
    </li>
  );
}

type CheckInForm = z.infer<typeof checkInForm>;
const checkInForm = z.object({
  _csrf: z.string(),
  _sleutel: z.string().max(200).optional(),
  moment: z.string().max(2).optional(),
  goed: z.string().max(10).optional(),
  nodig: z.string().max(10).optional(),
  toelichting: z.string().max(2000).optional(),
});

const NEEDS_TEXT = 'Schrijf niets over gezondheid, ziekte of andere privézaken van uw medewerker. Daarover praat de klantmanager met de persoon zelf.';

function CheckInFormView({
  ctx,
  hire,
  moments,
  errors,
  values,
}: {
  ctx: PageContext;
  hire: EmployerHire;
  moments: EmployerMoment[];
  errors: Record<string, string>;
  values: Partial<CheckInForm>;
}): Html {
  const chosen = values.moment ?? String(moments[0]!.monthMark);
  return (
    <PostForm ctx={ctx} action={`/werkgever/medewerkers/${hire.id}/check-in`} className="kansrijk-stack werkgever-form">
      <FormKey />
      {moments.length === 1 ? (
        <Fragment>
          <input type="hidden" name="moment" value={String(moments[0]!.monthMark)} />
          <Paragraph>Check-in na {plural(moments[0]!.monthMark, 'maand', 'maanden')}.</Paragraph>
        </Fragment>
      ) : (
        <Fieldset legend="Welke check-in?" id="veld-moment" error={errors.moment}>
          {moments.map((moment) => (
            <Choice type="radio" name="moment" value={String(moment.monthMark)} id={`moment-${moment.monthMark}`} checked={chosen === String(moment.monthMark)}>
              Na {plural(moment.monthMark, 'maand', 'maanden')}
            </Choice>
          ))}
        </Fieldset>
      )}
      <Fieldset legend="Gaat het goed?" id="veld-goed" error={errors.goed}>
        {(['yes', 'partly', 'no'] as const).map((code) => (
          <Choice type="radio" name="goed" value={code} id={`goed-${code}`} checked={values.goed === code}>
            {{ yes: 'Ja', partly: 'Een beetje', no: 'Nee' }[code]}
          </Choice>
        ))}
      </Fieldset>
      <Fieldset
        legend="Is er iets nodig?"
        id="veld-nodig"
        description="Bijvoorbeeld: meer uitleg op de werkvloer, hulp van een jobcoach, andere uren."
        error={errors.nodig}
      >
        <Choice type="radio" name="nodig" value="nee" id="nodig-nee" checked={values.nodig === 'nee'}>
          Nee
        </Choice>
        <Choice type="radio" name="nodig" value="ja" id="nodig-ja" checked={values.nodig === 'ja'}>
          Ja
        </Choice>
      </Fieldset>
      <TextArea
        name="toelichting"
        id="veld-toelichting"
        label="Wat is er nodig, of wat wilt u nog kwijt? (mag leeg)"
        description={NEEDS_TEXT}
        value={values.toelichting}
      />
      <Button>Check-in versturen</Button>
    </PostForm>
  );
}

async function hireOf(services: Services, principal: Principal, id: string): Promise<EmployerHire> {
  const [hire] = await services.placements.employerHires(principal, { id });
  if (!hire) throw new ProblemError(placementProblems.not_found);
  return hire;
}

export async function werkgeverHirePages(app: FastifyInstance, { db, services, clock }: Deps) {
  app.get('/medewerkers', pageRoute({ access: ['employer'] }), async (request, reply) => {
    const ctx = pageOf(request);
    const hires = await services.placements.employerHires(apiPrincipalOf(request));
    const today = amsterdamDate(clock.now());
    const working = hires.filter((hire) => hire.status === 'active');
    const ended = hires.filter((hire) => hire.status !== 'active');
    const List = ({ items }: { items: EmployerHire[] }) => (
      <ul class="utrecht-unordered-list kansrijk-stack">
        {items.map((hire) => {
          const open = openMoments(hire, today).length;
          return (
            <li class="utrecht-unordered-list__item">
              <Link href={`/werkgever/medewerkers/${hire.id}`}>{nameOf(hire)}</Link>: {hire.vacancy.title}, begonnen op {dutchDay(hire.startDate)},{' '}
              {hire.hoursPerWeek} uur per week.
              {hire.endedOn ? ` Gestopt op ${dutchDay(hire.endedOn)}.` : ''}
              {open > 0 ? <strong> {sentence(checkInsWaiting(open))}.</strong> : null}
            </li>
          );
        })}
      </ul>
    );
    return reply.html(
      <WerkgeverPage ctx={ctx} title="Medewerkers">
        <Heading>Uw medewerkers via het Werkplein</Heading>
        <Paragraph lead>
          Na 1, 3 en 6 maanden vraagt het Werkplein hoe het gaat. Twee vragen: gaat het goed, en is er iets nodig? Uw antwoord gaat meteen naar de klantmanager.
        </Paragraph>
        {hires.length === 0 ? <Paragraph>Er werkt nog niemand bij u via het Werkplein.</Paragraph> : null}
        {working.length > 0 ? (
          <section class="kansrijk-stack" aria-labelledby="kop-werkt">
            <Heading level={2}>
              <span id="kop-werkt">Aan het werk</span>
            </Heading>
            <List items={working} />
          </section>
        ) : null}
        {ended.length > 0 ? (
          <section class="kansrijk-stack" aria-labelledby="kop-gestopt">
            <Heading level={2}>
              <span id="kop-gestopt">Gestopt</span>
            </Heading>
            <List items={ended} />
          </section>
        ) : null}
      </WerkgeverPage>,
    );
  });

  async function renderHire(
    request: FastifyRequest,
    {
      hire,
      errors = {},
      values = {},
      notice,
    }: { hire: EmployerHire; errors?: Record<string, string>; values?: Partial<CheckInForm>; notice?: { type: 'ok' | 'warning'; text: string } },
  ) {
    const ctx = pageOf(request);
    const today = amsterdamDate(clock.now());
    const open = openMoments(hire, today);
    return (
      <WerkgeverPage ctx={ctx} title={nameOf(hire)}>
        <Heading>{nameOf(hire)}</Heading>
        {notice ? (
          <Alert type={notice.type}>
            <Paragraph>{notice.text}</Paragraph>
          </Alert>
        ) : null}
        {Object.keys(errors).length > 0 ? (
          // At the top, each point linked to its question: on a phone the questions are far down.
          <Alert type="error" focus>
            <Paragraph>Uw check-in is nog niet verstuurd. Kijk naar deze punten:</Paragraph>
            <ul class="utrecht-unordered-list">
              {Object.entries(errors).map(([field, message]) => (
                <li class="utrecht-unordered-list__item">
                  {CHECK_IN_QUESTIONS[field] ? (
                    <Fragment>
                      <a class="utrecht-link utrecht-link--html-a" href={CHECK_IN_QUESTIONS[field].href}>
                        {CHECK_IN_QUESTIONS[field].name}
                      </a>
                      : {message}
                    </Fragment>
                  ) : (
                    message
                  )}
                </li>
              ))}
            </ul>
          </Alert>
        ) : null}
        <Paragraph>
          Werkt bij u als {hire.vacancy.title} sinds {dutchDay(hire.startDate)}: {hire.hoursPerWeek} uur per week, {label(CONTRACT_LABELS, hire.contractType)}.
          {hire.endedOn ? ` Gestopt op ${dutchDay(hire.endedOn)}.` : ''}
        </Paragraph>
        {hire.name === null ? <Paragraph>De naam ziet u alleen als uw medewerker het Werkplein daar toestemming voor gaf.</Paragraph> : null}
        <section class="kansrijk-stack" aria-labelledby="kop-momenten">
          <Heading level={2}>
            <span id="kop-momenten">Momenten om te vragen hoe het gaat</span>
          </Heading>
          <ul class="utrecht-unordered-list">
            {hire.moments.map((moment) => (
              <MomentLine moment={moment} hire={hire} today={today} />
            ))}
          </ul>
        </section>
        {open.length > 0 ? (
          <section class="kansrijk-stack" aria-labelledby="kop-check-in">
            <Heading level={2}>
              <span id="kop-check-in">Check-in</span>
            </Heading>
            <Paragraph>Twee vragen. De klantmanager van het Werkplein ziet uw antwoord meteen, en neemt contact op als er iets nodig is.</Paragraph>
            <CheckInFormView ctx={ctx} hire={hire} moments={open} errors={errors} values={values} />
          </section>
        ) : null}
        <Paragraph>
          <Link href="/werkgever/medewerkers">Terug naar uw medewerkers</Link>
        </Paragraph>
      </WerkgeverPage>
    );
  }

  const hireQuery = z.object({ bewaard: z.literal('1').optional(), dubbel: z.literal('1').optional() });
  app.get('/medewerkers/:id', pageRoute({ access: ['employer'], params: idParams, querystring: hireQuery }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const query = request.query as z.infer<typeof hireQuery>;
    const hire = await hireOf(services, apiPrincipalOf(request), id);
    const notice = query.bewaard
      ? { type: 'ok' as const, text: 'Dank u wel. Uw check-in is verstuurd. De klantmanager ziet het meteen.' }
      : query.dubbel
        ? { type: 'warning' as const, text: 'Dit formulier was al verstuurd. Hieronder ziet u wat er nu staat.' }
        : undefined;
    return reply.html(await renderHire(request, { hire, ...(notice ? { notice } : {}) }));
  });

  app.post(
    '/medewerkers/:id/check-in',
    pageRoute({ access: ['employer'], params: idParams, body: checkInForm }),
    async (request: FastifyRequest, reply: FastifyReply) => {
      const principal = apiPrincipalOf(request);
      const { id } = request.params as z.infer<typeof idParams>;
      const form = request.body as CheckInForm;
      // Another employer's hire, or another tenant's: not found, before the form is looked at.
      const hire = await hireOf(services, principal, id);
      const again = async (errors: Record<string, string>, status: number, current = hire) =>
        reply.html(await renderHire(request, { hire: current, errors, values: form }), status);
      const errors: Record<string, string> = {};
      if (!['yes', 'partly', 'no'].includes(form.goed ?? '')) errors.goed = 'Kies een antwoord.';
      if (!['ja', 'nee'].includes(form.nodig ?? '')) errors.nodig = 'Kies een antwoord.';
      const note = form.toelichting?.trim();
      const parsed = recordCheckInBodySchema.safeParse({
        monthMark: Number(form.moment),
        goingWell: form.goed,
        needsSomething: form.nodig === 'ja',
        ...(note ? { note } : {}),
      });
      if (!parsed.success && Object.keys(errors).length === 0) {
        const notePath = parsed.error.issues.some((issue) => issue.path[0] === 'note');
        if (notePath) errors.formulier = 'Uw toelichting is te lang. Schrijf het korter (hooguit 1000 tekens).';
        else errors.formulier = 'Kies de check-in die u wilt geven.';
      }
      if (Object.keys(errors).length > 0 || !parsed.success) return again(errors, 400);
      try {
        return await submitOnce(db, request, reply, {
          hash: requestHash(['check-in', id, parsed.data]),
          changed: `/werkgever/medewerkers/${id}?dubbel=1`,
          change: async (tx) => {
            await services.placements.recordCheckIn({ tx, principal, id, body: parsed.data });
            return `/werkgever/medewerkers/${id}?bewaard=1`;
          },
        });
      } catch (error) {
        // Given already (another tab), not open yet, or the person has stopped: say so on the page.
        if (error instanceof ProblemError && error.spec.status === 409) {
          return again(
            { formulier: renderProblem(error.spec, 'nl', { values: error.values }).detail ?? error.spec.title.nl },
            409,
            await hireOf(services, principal, id),
          );
        }
        throw error;
      }
    },
  );
}
