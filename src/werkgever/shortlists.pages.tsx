import { createHash, randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { type Principal } from '../auth/roles.js';
import { idempotencyProblems, runWithIdempotencyKey } from '../http/idempotency.js';
import { ProblemError } from '../http/problems.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, TextField, type PageContext } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { DAY_PARTS, WEEKDAYS, summariseShiftPattern, type ShiftPattern } from '../schemas/schedule.js';
import type { Services } from '../services.js';
import { shortlistProblems } from '../shortlists/shortlists.errors.js';
import { FEEDBACK_REASON_CODES, type EmployerEntryView, type EmployerShortlistView, type FeedbackBody } from '../shortlists/shortlists.schemas.js';
import type { TenantSettings } from '../settings/settings.schemas.js';
import type { VacancyView } from '../vacancies/vacancies.schemas.js';
import { instrumentMeaning } from './instruments.labels.js';
import {
  DAY_PART_LABELS,
  DECISION_LABELS,
  DECLINE_REASON_LABELS,
  EVIDENCE_LABELS,
  LEVEL_LABELS,
  SUPPORT_LABELS,
  TRAVEL_LABELS,
  dutchDay,
  dutchMoment,
  label,
  plural,
  weekdayList,
} from './werkgever.labels.js';
import { Choice, Fieldset, FormKey, TextArea, WerkgeverPage } from './werkgever.layout.js';

type Deps = { db: Db; services: Services; clock: Clock };
const idParams = z.object({ id: z.uuid() });
const entryParams = z.object({ id: z.uuid(), candidateId: z.uuid() });

/** The entries still waiting for an answer. */
export const waitingIn = (shortlist: EmployerShortlistView) => shortlist.entries.filter((entry) => entry.feedback === null).length;

/** The heading of a candidate: the name once the person agreed to share it, else a number. */
const candidateName = (entry: EmployerEntryView, index: number) => entry.identity?.name ?? `Kandidaat ${index + 1}`;

/** Per day part the vacancy needs: on which of those weekdays this person can work. */
function shiftFit(pattern: ShiftPattern, availability: EmployerEntryView['availability']) {
  const slots = summariseShiftPattern(pattern).allSlots;
  return DAY_PARTS.flatMap((part) => {
    const needed = WEEKDAYS.filter((day) => slots[day].includes(part));
    if (needed.length === 0) return [];
    const can = needed.filter((day) => availability[day].includes(part));
    return [{ part, needed, can }];
  });
}

function ShiftFit({ pattern, availability }: { pattern: ShiftPattern; availability: EmployerEntryView['availability'] }): Html {
  const rows = shiftFit(pattern, availability);
  return (
    <ul class="utrecht-unordered-list">
      {rows.map(({ part, needed, can }) => (
        <li class="utrecht-unordered-list__item">
          <strong>{DAY_PART_LABELS[part]}</strong> ({weekdayList(needed)}):{' '}
          {can.length === needed.length ? 'kan altijd' : can.length === 0 ? 'kan niet' : `kan op ${weekdayList(can)}`}
        </li>
      ))}
    </ul>
  );
}

function hoursText(hours: EmployerEntryView['hours']): string {
  const parts: string[] = [];
  if (hours.now !== null) parts.push(`Kan nu ${hours.now} uur per week werken.`);
  if (hours.target !== null && hours.target !== hours.now) parts.push(`Wil groeien naar ${hours.target} uur.`);
  if (hours.rampUpPlan.length > 1) parts.push(`Opbouw in stappen: ${hours.rampUpPlan.join(' → ')} uur.`);
  return parts.join(' ') || 'Het aantal uren bespreekt het Werkplein met u.';
}

function AnswerText({ feedback }: { feedback: NonNullable<EmployerEntryView['feedback']> }): Html {
  const invitation = feedback.invitation;
  return (
    <Paragraph>
      <strong>Uw antwoord: {label(DECISION_LABELS, feedback.decision)}</strong> ({dutchDay(feedback.givenAt)})
      {feedback.reasonCode ? `. Reden: ${label(DECLINE_REASON_LABELS, feedback.reasonCode).toLowerCase()}` : ''}
      {invitation?.kind === 'call_me' ? '. Het Werkplein belt u om een afspraak te maken' : ''}
      {invitation?.kind === 'times' ? `. Voorgestelde tijden: ${invitation.times.map(dutchMoment).join('; ')}` : ''}
      {feedback.reasonText ? `. Uw toelichting: "${feedback.reasonText}"` : ''}.
    </Paragraph>
  );
}

/** What the employer typed in an answer form that could not be sent, to show it again with the error. */
type AnswerError = { candidateId: string; form: 'invite' | 'decline'; message: string; values: Record<string, string> };

function AnswerForms({
  ctx,
  shortlistId,
  entry,
  error,
}: {
  ctx: PageContext;
  shortlistId: string;
  entry: EmployerEntryView;
  error: AnswerError | undefined;
}): Html {
  const action = `/werkgever/shortlists/${shortlistId}/kandidaten/${entry.candidateId}/antwoord`;
  const key = entry.candidateId;
  const inviteError = error?.form === 'invite' ? error : undefined;
  const declineError = error?.form === 'decline' ? error : undefined;
  return (
    <div class="kansrijk-stack">
      <div class="werkgever-answers">
        <PostForm ctx={ctx} action={action}>
          <FormKey />
          <input type="hidden" name="decision" value="invite" />
          <input type="hidden" name="manier" value="bel" />
          <Button>Uitnodigen: bel mij</Button>
        </PostForm>
        <PostForm ctx={ctx} action={action} confirm="Wilt u deze kandidaat aannemen? Het Werkplein neemt contact met u op over de start.">
          <FormKey />
          <input type="hidden" name="decision" value="hire" />
          <Button variant="secondary">Aannemen</Button>
        </PostForm>
      </div>
      <details class="werkgever-details" open={inviteError ? true : undefined}>
        <summary>Uitnodigen en zelf tijden voorstellen</summary>
        <PostForm ctx={ctx} action={action} className="kansrijk-stack">
          <FormKey />
          <input type="hidden" name="decision" value="invite" />
          <input type="hidden" name="manier" value="tijden" />
          {inviteError ? (
            <Alert type="error" focus>
              <Paragraph>{inviteError.message}</Paragraph>
            </Alert>
          ) : null}
          <Paragraph>Stel één tot drie momenten voor een eerste gesprek voor. Het Werkplein stemt af met de kandidaat.</Paragraph>
          {[1, 2, 3].map((n) => (
            <TextField
              name={`tijd${n}`}
              label={`Moment ${n}${n === 1 ? '' : ' (mag leeg)'}`}
              type="datetime-local"
              value={inviteError?.values[`tijd${n}`] ?? ''}
            />
          ))}
          <Button>Uitnodigen met deze tijden</Button>
        </PostForm>
      </details>
      <details class="werkgever-details" open={declineError ? true : undefined}>
        <summary>Niet nu</summary>
        <PostForm ctx={ctx} action={action} className="kansrijk-stack">
          <FormKey />
          <input type="hidden" name="decision" value="decline" />
          <Fieldset legend="Waarom niet nu?" id={`reden-${key}`} error={declineError?.message}>
            {FEEDBACK_REASON_CODES.map((code) => (
              <Choice type="radio" name="reden" value={code} id={`reden-${key}-${code}`} checked={declineError?.values.reden === code}>
                {DECLINE_REASON_LABELS[code]}
              </Choice>
            ))}
          </Fieldset>
          <TextArea
            name="toelichting"
            id={`toelichting-${key}`}
            label="Toelichting (mag leeg, behalve bij iets anders)"
            description="Schrijf niets over leeftijd, afkomst, geloof, gezondheid, zwangerschap of andere persoonlijke kenmerken. Die mogen bij uw keuze geen rol spelen."
            value={declineError?.values.toelichting}
          />
          <Button variant="secondary">Verstuur: niet nu</Button>
        </PostForm>
      </details>
    </div>
  );
}

function CandidateCard({
  ctx,
  shortlistId,
  entry,
  index,
  vacancy,
  settings,
  answered,
  error,
}: {
  ctx: PageContext;
  shortlistId: string;
  entry: EmployerEntryView;
  index: number;
  vacancy: VacancyView;
  settings: TenantSettings;
  answered: boolean;
  error: AnswerError | undefined;
}): Html {
  const headingId = `kandidaat-${entry.candidateId}`;
  const pattern = vacancy.shiftPattern as ShiftPattern;
  return (
    <section class="werkgever-card kansrijk-stack" aria-labelledby={headingId}>
      <Heading level={2}>
        <span id={headingId}>{candidateName(entry, index)}</span>
      </Heading>
      {answered ? (
        <Alert type="ok">
          <Paragraph>Uw antwoord is verstuurd. De klantmanager van het Werkplein ziet het meteen.</Paragraph>
        </Alert>
      ) : null}
      {entry.pitch.strengths ? <Paragraph lead>{entry.pitch.strengths}</Paragraph> : null}
      {entry.competencies.length > 0 ? (
        <Fragment>
          <Heading level={3}>Wat deze kandidaat kan</Heading>
          <ul class="utrecht-unordered-list">
            {entry.competencies.map((competency) => (
              <li class="utrecht-unordered-list__item">
                {competency.label}: {label(LEVEL_LABELS, String(competency.level))} ({label(EVIDENCE_LABELS, competency.evidence)})
              </li>
            ))}
          </ul>
        </Fragment>
      ) : null}
      <Heading level={3}>De start</Heading>
      {entry.pitch.startPlan ? <Paragraph>{entry.pitch.startPlan}</Paragraph> : null}
      <Paragraph>{hoursText(entry.hours)}</Paragraph>
      <Paragraph>Diensten van uw vacature:</Paragraph>
      <ShiftFit pattern={pattern} availability={entry.availability} />
      {entry.travel ? (
        <Paragraph>
          Reistijd naar het werk: ongeveer {Math.round(entry.travel.minutes)} minuten {label(TRAVEL_LABELS, entry.travel.mode)}.
        </Paragraph>
      ) : null}
      <Heading level={3}>Steun bij de start</Heading>
      {entry.pitch.support ? <Paragraph>{entry.pitch.support}</Paragraph> : null}
      {vacancy.supportOffered.length > 0 ? (
        <Paragraph>U biedt bij deze vacature: {vacancy.supportOffered.map((code) => label(SUPPORT_LABELS, code)).join(', ')}.</Paragraph>
      ) : null}
      {entry.instruments.length > 0 ? (
        <Fragment>
          <Heading level={3}>Regelingen voor u</Heading>
          <ul class="utrecht-unordered-list kansrijk-stack">
            {entry.instruments.map((offer) => {
              const meaning = instrumentMeaning(offer.code, settings.instruments);
              return (
                <li class="utrecht-unordered-list__item">
                  <strong>{offer.name}.</strong> {offer.reason}
                  {meaning ? (
                    <Fragment>
                      {' '}
                      <em>Geld:</em> {meaning.money} <em>Wat u doet:</em> {meaning.asked}
                    </Fragment>
                  ) : null}{' '}
                  <span class="werkgever-source">(Wet: {offer.source}.)</span>
                </li>
              );
            })}
          </ul>
        </Fragment>
      ) : null}
      <Heading level={3}>Wat de kandidaat deelt</Heading>
      <Paragraph>
        De kandidaat gaf toestemming om dit profiel met u te delen.{' '}
        {entry.identity
          ? `De kandidaat deelt ook naam en telefoonnummer: ${entry.identity.name}${entry.identity.phone ? `, ${entry.identity.phone}` : ''}.`
          : 'Naam en telefoonnummer ziet u pas als de kandidaat daar ook toestemming voor geeft.'}
      </Paragraph>
      <Heading level={3}>Uw antwoord</Heading>
      {entry.feedback ? <AnswerText feedback={entry.feedback} /> : <Paragraph>U heeft nog niet geantwoord.</Paragraph>}
      <AnswerForms ctx={ctx} shortlistId={shortlistId} entry={entry} error={error?.candidateId === entry.candidateId ? error : undefined} />
    </section>
  );
}

async function renderShortlist({
  services,
  ctx,
  principal,
  id,
  answered,
  error,
  notice,
}: {
  services: Services;
  ctx: PageContext;
  principal: Principal;
  id: string;
  answered?: string | undefined;
  error?: AnswerError;
  notice?: string;
}): Promise<Html> {
  const shortlist = (await services.shortlists.get(principal, id, 'nl')) as EmployerShortlistView;
  const [vacancy, settings] = await Promise.all([services.vacancies.get(principal, shortlist.vacancy.id), services.settings.get(principal)]);
  const entries = [...shortlist.entries].sort((a, b) => a.position - b.position);
  const waiting = waitingIn(shortlist);
  return (
    <WerkgeverPage ctx={ctx} title={`Kandidaten voor ${shortlist.vacancy.title}`}>
      <Heading>Kandidaten voor {shortlist.vacancy.title}</Heading>
      <Paragraph>
        Het Werkplein stuurde u op {dutchDay(shortlist.sentAt)} {plural(entries.length, 'kandidaat', 'kandidaten')}.{' '}
        {waiting > 0 ? `${plural(waiting, 'kandidaat wacht', 'kandidaten wachten')} op uw antwoord.` : 'U heeft op iedereen geantwoord. Dank u wel.'}
      </Paragraph>
      {shortlist.noteToEmployer ? (
        <Alert type="info">
          <Paragraph>Van het Werkplein: {shortlist.noteToEmployer}</Paragraph>
        </Alert>
      ) : null}
      {notice ? (
        <Alert type="warning">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>Per kandidaat kiest u: uitnodigen, aannemen of niet nu. U kunt uw antwoord later nog veranderen.</Paragraph>
      {entries.map((entry, index) => (
        <CandidateCard
          ctx={ctx}
          shortlistId={id}
          entry={entry}
          index={index}
          vacancy={vacancy}
          settings={settings}
          answered={answered === entry.candidateId}
          error={error}
        />
      ))}
      {entries.length === 0 ? <Paragraph>Op deze shortlist staat op dit moment niemand meer.</Paragraph> : null}
      <Paragraph>
        <Link href={`/werkgever/vacatures/${shortlist.vacancy.id}`}>Naar de vacature</Link>
      </Paragraph>
    </WerkgeverPage>
  );
}

const text = (max: number) => z.string().max(max).optional();
const answerBody = z.object({
  _csrf: z.string(),
  _sleutel: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{8,200}$/)
    .optional(),
  decision: text(20),
  manier: text(20),
  tijd1: text(30),
  tijd2: text(30),
  tijd3: text(30),
  reden: text(40),
  toelichting: text(1000),
});
type AnswerForm = z.infer<typeof answerBody>;

/** The local Dutch wall-clock time of an instant, as a datetime-local value. */
function localNow(now: Date): string {
  const parts = new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Europe/Amsterdam',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(now);
  return parts.replace(' ', 'T');
}

/** The form as a feedback body, or the sentence that says what is missing. */
function feedbackOf(form: AnswerForm, now: Date): { body: FeedbackBody } | { error: Omit<AnswerError, 'candidateId'> } {
  const values = Object.fromEntries(
    Object.entries(form)
      .filter(([name]) => !name.startsWith('_'))
      .map(([name, value]) => [name, value ?? '']),
  ) as Record<string, string>;
  const explanation = form.toelichting?.trim() || undefined;
  switch (form.decision) {
    case 'hire':
      return { body: { decision: 'hire' } };
    case 'invite': {
      if (form.manier !== 'tijden') return { body: { decision: 'invite', invitation: { kind: 'call_me' } } };
      const times = [form.tijd1, form.tijd2, form.tijd3].map((value) => value?.trim() ?? '').filter(Boolean);
      const wellFormed = times.every((value) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value) && !Number.isNaN(new Date(`${value}:00Z`).getTime()));
      if (times.length === 0 || !wellFormed) return { error: { form: 'invite', message: 'Vul minstens één moment in, met datum en tijd.', values } };
      if (times.some((value) => value <= localNow(now))) return { error: { form: 'invite', message: 'Kies momenten in de toekomst.', values } };
      return { body: { decision: 'invite', invitation: { kind: 'times', times: [...new Set(times)].sort() } } };
    }
    case 'decline': {
      const reason = FEEDBACK_REASON_CODES.find((code) => code === form.reden);
      if (!reason) return { error: { form: 'decline', message: 'Kies een reden.', values } };
      if (reason === 'other' && !explanation) return { error: { form: 'decline', message: 'Schrijf bij "iets anders" kort op wat de reden is.', values } };
      return { body: { decision: 'decline', reasonCode: reason, ...(explanation ? { reasonText: explanation } : {}) } };
    }
    default:
      return { error: { form: 'decline', message: 'Kies een antwoord.', values } };
  }
}

export async function werkgeverShortlistPages(app: FastifyInstance, { db, services, clock }: Deps) {
  app.get('/shortlists', pageRoute({ access: ['employer'] }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const page = await services.shortlists.list(principal, { limit: 50 });
    const views = await Promise.all(page.items.map((item) => services.shortlists.get(principal, item.id, 'nl') as Promise<EmployerShortlistView>));
    return reply.html(
      <WerkgeverPage ctx={ctx} title="Kandidaten">
        <Heading>Kandidaten van het Werkplein</Heading>
        {views.length === 0 ? <Paragraph>Het Werkplein heeft u nog geen kandidaten gestuurd.</Paragraph> : null}
        <ul class="utrecht-unordered-list kansrijk-stack">
          {views.map((view) => {
            const waiting = waitingIn(view);
            return (
              <li class="utrecht-unordered-list__item">
                <Link href={`/werkgever/shortlists/${view.id}`}>{view.vacancy.title}</Link>: {plural(view.entries.length, 'kandidaat', 'kandidaten')}, gestuurd
                op {dutchDay(view.sentAt)}. {waiting > 0 ? <strong>{plural(waiting, 'wacht', 'wachten')} op uw antwoord.</strong> : 'Alles beantwoord.'}
              </li>
            );
          })}
        </ul>
      </WerkgeverPage>,
    );
  });

  const shortlistQuery = z.object({ antwoord: z.uuid().optional(), dubbel: z.literal('1').optional() });
  app.get('/shortlists/:id', pageRoute({ access: ['employer'], params: idParams, querystring: shortlistQuery }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const query = request.query as z.infer<typeof shortlistQuery>;
    const notice = query.dubbel ? 'Dit formulier was al verstuurd. Hieronder ziet u wat er nu staat.' : undefined;
    return reply.html(await renderShortlist({ services, ctx: pageOf(request), principal: apiPrincipalOf(request), id, answered: query.antwoord, notice }));
  });

  app.post(
    '/shortlists/:id/kandidaten/:candidateId/antwoord',
    pageRoute({ access: ['employer'], params: entryParams, body: answerBody }),
    async (request, reply) => {
      const ctx = pageOf(request);
      const principal = apiPrincipalOf(request);
      const { id, candidateId } = request.params as z.infer<typeof entryParams>;
      const form = request.body as AnswerForm;
      // Not visible to this employer (another employer's list, not shared, removed): not found, before anything else.
      const shortlist = (await services.shortlists.get(principal, id, 'nl')) as EmployerShortlistView;
      if (!shortlist.entries.some((entry) => entry.candidateId === candidateId)) throw new ProblemError(shortlistProblems.entry_not_found);
      const parsed = feedbackOf(form, clock.now());
      if ('error' in parsed) {
        return reply.html(await renderShortlist({ services, ctx, principal, id, error: { ...parsed.error, candidateId } }), 400);
      }
      const location = `/werkgever/shortlists/${id}?antwoord=${candidateId}#kandidaat-${candidateId}`;
      const change = async (tx: Tx) => {
        await services.shortlists.giveFeedback({ tx, principal, id, candidateId, body: parsed.body });
        return { statusCode: 303, body: { location } };
      };
      try {
        const key = form._sleutel ?? `form-${randomBytes(16).toString('base64url')}`;
        const requestHash = createHash('sha256')
          .update(`${id}\n${candidateId}\n${JSON.stringify(parsed.body)}`)
          .digest('hex');
        const outcome = await runWithIdempotencyKey(db, { principal, key, method: 'POST', path: request.routeOptions.url ?? request.url, requestHash }, change);
        return reply.redirect(outcome.body.location, 303);
      } catch (error) {
        // The same form sent again with other values (a page kept open and changed): show what stands now.
        if (error instanceof ProblemError && error.spec === idempotencyProblems.key_reused) return reply.redirect(`/werkgever/shortlists/${id}?dubbel=1`, 303);
        throw error;
      }
    },
  );
}
