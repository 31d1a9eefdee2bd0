import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import type { CandidateView } from '../candidates/candidates.schemas.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { eraseBodySchema, exportQuerySchema, type ErasureReceiptView } from '../privacy/privacy.schemas.js';
import { BEHEER, problemStatus, problemText } from './beheer.shared.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { csrfField, ErrorSummary, fieldErrors, formText, InputField, TextareaField } from './werkplek.forms.js';
import { formatInstant, label, STATUS_LABELS } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

type Ctx = ReturnType<typeof pageOf>;

const idParams = z.object({ id: z.uuid() });
const searchQuery = z.object({ q: z.string().max(200).optional() });
const exportForm = z.object({ ...csrfField, reason: formText(500) });
const eraseForm = z.object({ ...csrfField, reason: formText(500), confirmReference: formText(100) });
type EraseForm = z.infer<typeof eraseForm>;
const ERASE_NAMES = { reason: 'Reden', confirmReference: 'Referentie' };

const personPath = (id: string) => `${BEHEER}/gegevens/kandidaten/${id}`;

function PersonPage({
  ctx,
  candidate,
  exportErrors = {},
  eraseErrors = {},
  eraseValues,
  problem,
}: {
  ctx: Ctx;
  candidate: CandidateView;
  exportErrors?: Record<string, string>;
  eraseErrors?: Record<string, string>;
  eraseValues?: EraseForm;
  problem?: string | null;
}): Html {
  const title = `Gegevensverzoek: ${candidate.name}`;
  return (
    <WerkplekPage ctx={ctx} title={title}>
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link> › <Link href={`${BEHEER}/gegevens`}>Gegevensverzoeken</Link>
      </Paragraph>
      <Heading>{title}</Heading>
      <Paragraph>
        {candidate.name}, referentie {candidate.reference}, {label(STATUS_LABELS, candidate.status)}
        {candidate.accountManager ? `, klantmanager ${candidate.accountManager.name}` : ''}. In Kansrijk sinds {formatInstant(candidate.createdAt)}.
      </Paragraph>
      <PostForm ctx={ctx} action={`${personPath(candidate.id)}/inzage`} className="kansrijk-stack kansrijk-narrow">
        <Heading level={2}>Inzage: alle gegevens downloaden</Heading>
        <Paragraph>
          Alleen voor een verzoek van de persoon zelf (AVG artikel 15). U krijgt een bestand (JSON) met alles wat Kansrijk over deze persoon bewaart. Het
          verzoek komt in het auditlog.
        </Paragraph>
        <ErrorSummary errors={exportErrors} names={{ reason: 'Kenmerk van het verzoek' }} />
        <InputField name="reason" label="Kenmerk van het verzoek" description="Bijvoorbeeld de datum en het nummer van de brief." error={exportErrors.reason} />
        <Button>Gegevens downloaden</Button>
      </PostForm>
      <PostForm
        ctx={ctx}
        action={`${personPath(candidate.id)}/verwijderen`}
        confirm={`${candidate.name} (${candidate.reference}) voorgoed verwijderen? Dit kan niet ongedaan worden gemaakt.`}
        className="kansrijk-stack kansrijk-narrow"
      >
        <Heading level={2}>Verwijderen</Heading>
        <Alert type="warning">
          <Paragraph>
            Verwijderen kan niet ongedaan worden gemaakt. Alle gegevens van deze persoon gaan weg: uit de database, de zoekfunctie, wachtende taken en de lijst
            met verstuurde e-mails. U krijgt een bewijs van verwijdering.
          </Paragraph>
        </Alert>
        {problem ? (
          <Alert type="error" focus>
            <Paragraph>{problem}</Paragraph>
          </Alert>
        ) : null}
        <ErrorSummary errors={eraseErrors} names={ERASE_NAMES} />
        <TextareaField
          name="reason"
          label="Reden"
          description="Bijvoorbeeld: verzoek van de persoon (AVG artikel 17), brief van 12 november."
          value={eraseValues?.reason}
          error={eraseErrors.reason}
        />
        <InputField
          name="confirmReference"
          label={`Typ de referentie ${candidate.reference} om te bevestigen`}
          value={eraseValues?.confirmReference}
          error={eraseErrors.confirmReference}
        />
        <Button>Voorgoed verwijderen</Button>
      </PostForm>
    </WerkplekPage>
  );
}

function ReceiptPage({ ctx, name, reference, receipt }: { ctx: Ctx; name: string; reference: string; receipt: ErasureReceiptView }): Html {
  return (
    <WerkplekPage ctx={ctx} title="Bewijs van verwijdering">
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link> › <Link href={`${BEHEER}/gegevens`}>Gegevensverzoeken</Link>
      </Paragraph>
      <Heading>Bewijs van verwijdering</Heading>
      <Alert type="ok">
        <Paragraph>
          {receipt.alreadyErased ? `${reference} was al eerder verwijderd; dit is het bewijs van toen.` : `${name} (${reference}) is verwijderd.`} Bewaar dit
          bewijs bij het verzoek.
        </Paragraph>
      </Alert>
      <dl class="kansrijk-stack">
        <dt>Verwijderd op</dt>
        <dd>{formatInstant(receipt.erasedAt)}</dd>
        <dt>Reden</dt>
        <dd>{receipt.reason}</dd>
        <dt>Kenmerk van de verwijdering</dt>
        <dd class="kansrijk-break">
          <code class="utrecht-code">{receipt.candidateHash}</code>
        </dd>
        <dt>Zoekfunctie</dt>
        <dd>{receipt.searchIndex === 'removed' ? 'verwijderd' : 'gaat eruit zodra de zoekserver weer werkt'}</dd>
        <dt>Verwijderde regels in de database</dt>
        <dd>{Object.values(receipt.counts.postgres).reduce((total, count) => total + count, 0)}</dd>
      </dl>
      <Heading level={2}>Wat blijft bewaard, en waarom</Heading>
      <ul class="utrecht-unordered-list">
        {receipt.kept.map((item) => (
          <li class="utrecht-unordered-list__item">{item}</li>
        ))}
      </ul>
    </WerkplekPage>
  );
}

/** Beheer: data-rights requests (issue 14.7): access (export) and erasure for a person, through the privacy service as the API. */
export async function beheerDataRightsPages(app: FastifyInstance, { services }: WerkplekDeps) {
  const { candidates, privacy } = services;
  const personOf = (request: FastifyRequest, id: string) => candidates.get(apiPrincipalOf(request), id);

  app.get('/beheer/gegevens', pageRoute({ access: access.admin, querystring: searchQuery }), async (request, reply) => {
    const q = (request.query as z.infer<typeof searchQuery>).q?.trim() ?? '';
    const found = q ? (await candidates.list(apiPrincipalOf(request), { q: q.slice(0, 100), limit: 20 })).items : [];
    return reply.html(
      <WerkplekPage ctx={pageOf(request)} title="Gegevensverzoeken">
        <Paragraph>
          <Link href={BEHEER}>Beheer</Link>
        </Paragraph>
        <Heading>Gegevensverzoeken</Heading>
        <Paragraph>Vraagt iemand om inzage in zijn gegevens, of om verwijdering? Zoek de persoon op referentie of naam.</Paragraph>
        <form method="get" action={`${BEHEER}/gegevens`} class="kansrijk-stack kansrijk-narrow" role="search" aria-label="Persoon zoeken">
          <InputField name="q" type="search" label="Referentie of naam" value={q} />
          <Button>Zoeken</Button>
        </form>
        {q ? (
          found.length === 0 ? (
            <Paragraph>Niemand gevonden met “{q}”.</Paragraph>
          ) : (
            <ul class="utrecht-unordered-list">
              {found.map((person) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={personPath(person.id)}>
                    {person.name} ({person.reference})
                  </Link>
                </li>
              ))}
            </ul>
          )
        ) : null}
      </WerkplekPage>,
    );
  });

  app.get('/beheer/gegevens/kandidaten/:id', pageRoute({ access: access.admin, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    return reply.html(<PersonPage ctx={pageOf(request)} candidate={await personOf(request, id)} />);
  });

  // A download for the person's own request; a POST because it is logged (and the reason goes with it).
  app.post('/beheer/gegevens/kandidaten/:id/inzage', pageRoute({ access: access.admin, params: idParams, body: exportForm }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const form = request.body as z.infer<typeof exportForm>;
    const candidate = await personOf(request, id);
    const parsed = exportQuerySchema.safeParse({ ...(form.reason ? { reason: form.reason } : {}) });
    if (!parsed.success) return reply.html(<PersonPage ctx={pageOf(request)} candidate={candidate} exportErrors={fieldErrors(parsed.error)} />, 422);
    const body = await privacy.exportCandidate(apiPrincipalOf(request), id, { reason: parsed.data.reason, lang: 'nl' });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `attachment; filename="inzage-${candidate.reference}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(body, null, 2));
  });

  app.post('/beheer/gegevens/kandidaten/:id/verwijderen', pageRoute({ access: access.admin, params: idParams, body: eraseForm }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const form = request.body as EraseForm;
    const candidate = await personOf(request, id);
    const again = (status: number, errors: Record<string, string>, problem: string | null = null) =>
      reply.html(<PersonPage ctx={pageOf(request)} candidate={candidate} eraseErrors={errors} eraseValues={form} problem={problem} />, status);
    const parsed = eraseBodySchema.safeParse({ reason: form.reason });
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    // Irreversible: the person's reference typed by hand, so that no one erases the wrong person by a slip.
    if ((form.confirmReference ?? '').toUpperCase() !== candidate.reference.toUpperCase()) {
      errors.confirmReference = form.confirmReference
        ? `Dit is niet de referentie van deze persoon. Typ ${candidate.reference}.`
        : `Typ ${candidate.reference} om te bevestigen.`;
    }
    if (!parsed.success || Object.keys(errors).length > 0) return again(422, errors);
    let receipt: ErasureReceiptView;
    try {
      receipt = await privacy.eraseCandidate(apiPrincipalOf(request), id, parsed.data.reason);
    } catch (error) {
      const text = problemText(error);
      if (!text) throw error;
      return again(problemStatus(error), {}, text);
    }
    return reply.html(<ReceiptPage ctx={pageOf(request)} name={candidate.name} reference={candidate.reference} receipt={receipt} />);
  });
}
