import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Services } from '../services.js';
import { access } from '../auth/roles.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm } from '../pages/components.js';
import { Fragment, h } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import type { StaffShortlistView } from '../shortlists/shortlists.schemas.js';
import { dutchDate, endOfSentence } from '../pages/labels.js';
import { WerkplekPage } from './werkplek.layout.js';
import { CONSENT_PURPOSE_LABELS, FEEDBACK_LABELS, label, STATUS_LABELS } from './werkplek.labels.js';

type Deps = { db: Db; services: Services };
const idParams = z.object({ id: z.uuid() });
const entryParams = z.object({ id: z.uuid(), candidateId: z.uuid() });
const pitchText = z
  .string()
  .max(2000)
  .transform((value) => (value.trim() === '' ? null : value.trim()));

function PitchField({ name, label: text, value, id }: { name: string; label: string; value: string | null; id: string }) {
  return (
    <div class="utrecht-form-field utrecht-form-field--text">
      <div class="utrecht-form-field__label">
        <label class="utrecht-form-label" for={`${name}-${id}`}>
          {text}
        </label>
      </div>
      <div class="utrecht-form-field__input">
        <textarea class="utrecht-textarea utrecht-textarea--html-textarea" id={`${name}-${id}`} name={name} rows="3">
          {value ?? ''}
        </textarea>
      </div>
    </div>
  );
}

export async function shortlistPages(app: FastifyInstance, { db, services }: Deps) {
  app.get('/shortlists', pageRoute({ access: access.staff }), async (request, reply) => {
    const ctx = pageOf(request);
    const page = await services.shortlists.list(apiPrincipalOf(request), { limit: 100 });
    return reply.html(
      <WerkplekPage ctx={ctx} title="Shortlists">
        <Heading>Shortlists</Heading>
        <ul class="utrecht-unordered-list">
          {page.items.map((item) => (
            <li class="utrecht-unordered-list__item">
              <Link href={`/werkplek/shortlists/${item.id}`}>{item.vacancy.title}</Link>: {item.candidates} kandidaten, {label(STATUS_LABELS, item.status)}
            </li>
          ))}
        </ul>
      </WerkplekPage>,
    );
  });

  app.get('/shortlists/:id', pageRoute({ access: access.staff, params: idParams }), async (request, reply) => {
    const ctx = pageOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const shortlist = (await services.shortlists.get(apiPrincipalOf(request), id, 'nl')) as StaffShortlistView;
    const entries = shortlist.entries.filter((entry) => !entry.removed).sort((a, b) => a.position - b.position);
    const editable = shortlist.status !== 'closed';
    const ready = entries.filter((entry) => entry.approval && !entry.sharedAt && entry.consents.shareWithEmployers).length;
    // The rekentool is for account managers and admins (the household situation is theirs to see).
    const rekentool = (access.caseworkers as readonly string[]).includes(ctx.principal?.role ?? '');
    // Only an admin may let a pitch with warnings through (issue 11.10).
    const admin = ctx.principal?.role === 'admin';
    return reply.html(
      <WerkplekPage ctx={ctx} title={`Shortlist ${shortlist.vacancy.title}`}>
        <Heading>Shortlist: {shortlist.vacancy.title}</Heading>
        <Paragraph>
          Voor {endOfSentence(shortlist.employer.name)} Status: {label(STATUS_LABELS, shortlist.status)}.{' '}
          <Link href={`/werkplek/vacatures/${shortlist.vacancy.id}`}>Naar de vacature</Link>
        </Paragraph>
        <ol class="utrecht-ordered-list">
          {entries.map((entry, index) => (
            <li class="utrecht-ordered-list__item kansrijk-stack">
              <Heading level={2}>
                {entry.name} ({entry.reference}){entry.matchTotal !== null ? `: ${Math.round(entry.matchTotal)} van 100` : ''}
              </Heading>
              {rekentool ? (
                <Paragraph>
                  <Link href={`/werkplek/kandidaten/${entry.candidateId}/vacatures/${shortlist.vacancy.id}/rekentool?shortlist=${id}`}>
                    Wat levert dit werk {entry.name} op? (rekentool)
                  </Link>
                </Paragraph>
              ) : null}
              {!entry.consents.shareWithEmployers ? (
                <Alert type="warning">
                  <Paragraph>Nog geen toestemming om te delen met werkgevers. Zonder toestemming gaat deze kandidaat niet mee.</Paragraph>
                </Alert>
              ) : null}
              {entry.pitchBlocked && !entry.sharedAt ? (
                <Alert type="error">
                  <Paragraph>
                    Goedkeuren kan nog niet. De tekst voor de werkgever noemt misschien privézaken ({entry.pitchWarnings.join(', ')}). Schrijf niets over
                    gezondheid, schulden, uitkering of andere privézaken. Pas de tekst aan en bewaar hem. Is de tekst toch goed? Dan kan een beheerder een
                    uitzondering vastleggen.
                  </Paragraph>
                </Alert>
              ) : null}
              {entry.pitchOverride ? (
                <Paragraph>
                  Uitzondering vastgelegd door {entry.pitchOverride.by.name} op {dutchDate(entry.pitchOverride.at)}: de tekst mag naar de werkgever, ook al
                  noemt hij misschien privézaken ({entry.pitchWarnings.join(', ')}). Reden: {entry.pitchOverride.reason}
                </Paragraph>
              ) : null}
              {admin && editable && entry.pitchBlocked && !entry.sharedAt ? (
                <PostForm ctx={ctx} action={`/werkplek/shortlists/${id}/kandidaten/${entry.candidateId}/uitzondering`} className="kansrijk-stack">
                  <div class="utrecht-form-field utrecht-form-field--text">
                    <div class="utrecht-form-field__label">
                      <label class="utrecht-form-label" for={`reden-${entry.candidateId}`}>
                        Alleen voor beheerders: waarom mag deze tekst toch naar de werkgever?
                      </label>
                    </div>
                    <div class="utrecht-form-field__input">
                      <textarea
                        class="utrecht-textarea utrecht-textarea--html-textarea"
                        id={`reden-${entry.candidateId}`}
                        name="reason"
                        rows="2"
                        required
                        minlength="10"
                        maxlength="1000"
                      ></textarea>
                    </div>
                  </div>
                  <Button variant="secondary">Uitzondering vastleggen: {entry.name}</Button>
                </PostForm>
              ) : null}
              {entry.instruments.length > 0 ? (
                <div class="kansrijk-stack">
                  <Paragraph>Regelingen voor de werkgever:</Paragraph>
                  <ul class="utrecht-unordered-list">
                    {entry.instruments.map((offer) => (
                      <li class="utrecht-unordered-list__item">
                        <strong>{offer.name}</strong>
                        {offer.needsConsent
                          ? offer.heldBack
                            ? ': alleen zichtbaar voor de werkgever met toestemming. Die toestemming is er niet: de werkgever ziet deze regeling nu niet.'
                            : ': alleen zichtbaar voor de werkgever met toestemming. Die toestemming is gegeven.'
                          : ''}
                      </li>
                    ))}
                  </ul>
                  {entry.instruments.some((offer) => offer.heldBack) ? (
                    <Paragraph>
                      Uit deze regeling kan de werkgever iets afleiden over {entry.name}, zoals een leeftijd van 56 jaar of ouder of een plek in het
                      doelgroepregister. Vraag eerst toestemming voor “{label(CONSENT_PURPOSE_LABELS, 'share_instrument_eligibility')}”.
                    </Paragraph>
                  ) : null}
                </div>
              ) : null}
              {entry.sharedAt ? (
                <Paragraph>Gedeeld met de werkgever. {[entry.pitch.strengths, entry.pitch.support, entry.pitch.startPlan].filter(Boolean).join(' ')}</Paragraph>
              ) : null}
              {entry.feedback ? (
                <Paragraph>
                  Antwoord van de werkgever: {label(FEEDBACK_LABELS, entry.feedback.decision)}
                  {entry.feedback.reasonText ? ` (${entry.feedback.reasonText})` : ''}.
                  {entry.feedback.decision === 'hire' ? (
                    <Fragment>
                      {' '}
                      <Link href={`/werkplek/plaatsingen/nieuw?candidateId=${entry.candidateId}&vacancyId=${shortlist.vacancy.id}&shortlistId=${id}`}>
                        Plaatsing vastleggen: {entry.name}
                      </Link>
                    </Fragment>
                  ) : null}
                </Paragraph>
              ) : null}
              {editable && !entry.sharedAt ? (
                <PostForm ctx={ctx} action={`/werkplek/shortlists/${id}/kandidaten/${entry.candidateId}`} className="kansrijk-stack">
                  <PitchField name="strengths" label={`Wat ${entry.name} meebrengt`} value={entry.pitch.strengths} id={entry.candidateId} />
                  <PitchField name="support" label="Steun bij de start" value={entry.pitch.support} id={entry.candidateId} />
                  <PitchField name="startPlan" label="Hoe de start kan gaan" value={entry.pitch.startPlan} id={entry.candidateId} />
                  <div class="utrecht-form-field utrecht-form-field--text">
                    <div class="utrecht-form-field__label">
                      <label class="utrecht-form-label" for={`plek-${entry.candidateId}`}>
                        Plaats in de lijst
                      </label>
                    </div>
                    <div class="utrecht-form-field__input">
                      <input
                        class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--numeric"
                        id={`plek-${entry.candidateId}`}
                        name="position"
                        type="number"
                        min="1"
                        max="500"
                        value={String(index + 1)}
                      />
                    </div>
                  </div>
                  <Button variant="secondary">Pitch bewaren</Button>
                </PostForm>
              ) : null}
              {editable && !entry.sharedAt ? (
                entry.approval ? (
                  <Paragraph>Goedgekeurd door {entry.approval.by.name}.</Paragraph>
                ) : entry.pitchBlocked ? null : (
                  <PostForm ctx={ctx} action={`/werkplek/shortlists/${id}/kandidaten/${entry.candidateId}/goedkeuren`}>
                    <Button>Goedkeuren: {entry.name}</Button>
                  </PostForm>
                )
              ) : null}
            </li>
          ))}
        </ol>
        {entries.length === 0 ? <Paragraph>Nog niemand op deze shortlist. Kies kandidaten op de pagina van de vacature.</Paragraph> : null}
        {editable && ready > 0 ? (
          <PostForm ctx={ctx} action={`/werkplek/shortlists/${id}/versturen`} confirm="De goedgekeurde kandidaten naar de werkgever sturen?">
            <Paragraph>{ready} goedgekeurde kandidaten met toestemming zijn klaar om te versturen.</Paragraph>
            <Button>Versturen naar {shortlist.employer.name}</Button>
          </PostForm>
        ) : null}
      </WerkplekPage>,
    );
  });

  const entryBody = z.object({
    _csrf: z.string(),
    strengths: pitchText.optional(),
    support: pitchText.optional(),
    startPlan: pitchText.optional(),
    position: z.coerce.number().int().min(1).max(500).optional(),
  });
  app.post(
    '/shortlists/:id/kandidaten/:candidateId',
    pageRoute({ access: access.caseworkers, params: entryParams, body: entryBody }),
    async (request, reply) => {
      const { id, candidateId } = request.params as z.infer<typeof entryParams>;
      const body = request.body as z.infer<typeof entryBody>;
      await db.transaction((tx) =>
        services.shortlists.updateEntry({
          tx,
          principal: apiPrincipalOf(request),
          id,
          candidateId,
          body: { position: body.position, pitch: { strengths: body.strengths, support: body.support, startPlan: body.startPlan } },
          lang: 'nl',
        }),
      );
      return reply.redirect(`/werkplek/shortlists/${id}`, 303);
    },
  );

  app.post(
    '/shortlists/:id/kandidaten/:candidateId/goedkeuren',
    pageRoute({ access: access.caseworkers, params: entryParams, body: z.object({ _csrf: z.string() }) }),
    async (request, reply) => {
      const { id, candidateId } = request.params as z.infer<typeof entryParams>;
      await db.transaction((tx) => services.shortlists.approve({ tx, principal: apiPrincipalOf(request), id, candidateId, lang: 'nl' }));
      return reply.redirect(`/werkplek/shortlists/${id}`, 303);
    },
  );

  // The reason is checked by the service after the entry is found (a foreign id is 404 first).
  const overrideBody = z.object({ _csrf: z.string(), reason: z.string().max(1000).optional() });
  app.post(
    '/shortlists/:id/kandidaten/:candidateId/uitzondering',
    pageRoute({ access: access.admin, params: entryParams, body: overrideBody }),
    async (request, reply) => {
      const { id, candidateId } = request.params as z.infer<typeof entryParams>;
      const body = request.body as z.infer<typeof overrideBody>;
      await db.transaction((tx) =>
        services.shortlists.overridePitchWarnings({
          tx,
          principal: apiPrincipalOf(request),
          id,
          candidateId,
          body: { reason: (body.reason ?? '').trim() },
          lang: 'nl',
        }),
      );
      return reply.redirect(`/werkplek/shortlists/${id}`, 303);
    },
  );

  app.post(
    '/shortlists/:id/versturen',
    pageRoute({ access: access.caseworkers, params: idParams, body: z.object({ _csrf: z.string() }) }),
    async (request, reply) => {
      const { id } = request.params as z.infer<typeof idParams>;
      await db.transaction((tx) => services.shortlists.send({ tx, principal: apiPrincipalOf(request), id, lang: 'nl' }));
      return reply.redirect(`/werkplek/shortlists/${id}`, 303);
    },
  );
}
