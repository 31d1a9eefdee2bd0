import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { FACTORS } from '../matching/matcher.types.js';
import type { WeightsPreviewView } from '../matching/matching.service.js';
import { updateWeightsBodySchema, type WeightsView } from '../matching/matching.schemas.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { BEHEER, Notice, problemStatus, problemText } from './beheer.shared.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { csrfField, ErrorSummary, fieldErrors, formText, InputField, TextareaField } from './werkplek.forms.js';
import { FACTOR_LABELS, formatInstant, label } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

type Ctx = ReturnType<typeof pageOf>;

/** Weights are typed as percentages (20 = 0.2): easier to read and to make add up to 100. */
const weightsForm = z.object({
  ...csrfField,
  ...(Object.fromEntries(FACTORS.map((factor) => [factor, formText(20)])) as Record<(typeof FACTORS)[number], ReturnType<typeof formText>>),
  note: formText(1000),
});
type WeightsForm = z.infer<typeof weightsForm>;
const FIELD_NAMES: Record<string, string> = { ...FACTOR_LABELS, note: 'Waarom', weights: 'Gewichten' };

const percent = (fraction: number) => String(Math.round(fraction * 1000) / 10).replace('.', ',');

/** The form's percentages as weights (fractions); text that is no number stays text, so that zod names it. */
function weightsOf(form: WeightsForm): Record<string, unknown> {
  return Object.fromEntries(
    FACTORS.map((factor) => {
      const typed = form[factor]?.replace(',', '.');
      const value = typed === undefined ? undefined : Number(typed);
      return [factor, value === undefined ? undefined : Number.isFinite(value) ? Math.round(value * 10) / 1000 : typed];
    }),
  );
}

function WeightsPage({
  ctx,
  current,
  values,
  errors = {},
  problem,
  done,
  preview,
}: {
  ctx: Ctx;
  current: WeightsView;
  values?: WeightsForm;
  errors?: Record<string, string>;
  problem?: string | null;
  done?: string | null;
  preview?: WeightsPreviewView | null;
}): Html {
  const sum = values ? Object.values(weightsOf(values)).reduce<number>((total, value) => total + (typeof value === 'number' ? value : 0), 0) : null;
  return (
    <WerkplekPage ctx={ctx} title="Gewichten van de rangschikking">
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link>
      </Paragraph>
      <Heading>Gewichten van de rangschikking</Heading>
      <Paragraph>
        Hoe zwaar elk onderdeel telt als Kansrijk kandidaten voor een vacature op volgorde zet. Samen is het 100 %. Nu: versie {current.version}
        {current.version === 0 ? ' (de standaard)' : `, van ${formatInstant(current.createdAt)}`}
        {current.note ? `. Reden: ${current.note}` : ''}.
      </Paragraph>
      {current.warnings.map((warning) => (
        <Alert type="warning">
          <Paragraph>{warning}</Paragraph>
        </Alert>
      ))}
      <TableScroll>
        <table class="utrecht-table utrecht-table--html-table">
          <caption class="utrecht-table__caption">Gewichten nu</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Onderdeel
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Gewicht
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {FACTORS.map((factor) => (
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="row">
                  {label(FACTOR_LABELS, factor)}
                </th>
                <td class="utrecht-table__cell">{percent(current.weights[factor] ?? 0)} %</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {preview ? <Preview preview={preview} /> : null}
      <PostForm ctx={ctx} action={`${BEHEER}/gewichten`} className="kansrijk-stack kansrijk-narrow">
        <Heading level={2}>Nieuwe gewichten voorstellen</Heading>
        <Paragraph>
          Vul de nieuwe gewichten in procenten in. Bekijk eerst wat er verandert bij de nieuwste vacatures. Opslaan maakt een nieuwe versie; de oude blijft
          bewaard en elke rangschikking noemt de versie die is gebruikt.
        </Paragraph>
        <Notice problem={problem} done={done} />
        <ErrorSummary errors={errors} names={FIELD_NAMES} />
        {FACTORS.map((factor) => (
          <InputField
            name={factor}
            label={`${label(FACTOR_LABELS, factor)} (%)`}
            inputmode="decimal"
            value={values?.[factor] ?? percent(current.weights[factor] ?? 0)}
            error={errors[`weights.${factor}`] ?? errors[factor]}
          />
        ))}
        {sum !== null ? <Paragraph>Samen: {percent(sum)} %.</Paragraph> : null}
        <TextareaField
          name="note"
          label="Waarom verandert u de gewichten?"
          description="Nodig om op te slaan. Komt in het auditlog."
          value={values?.note}
          error={errors.note}
        />
        <div class="werkgever-answers">
          <button type="submit" class="utrecht-button utrecht-button--secondary-action" formaction={`${BEHEER}/gewichten/voorbeeld`}>
            Bekijk wat er verandert
          </button>
          <Button>Gewichten opslaan</Button>
        </div>
      </PostForm>
    </WerkplekPage>
  );
}

function Preview({ preview }: { preview: WeightsPreviewView }): Html {
  return (
    <section class="kansrijk-stack" aria-labelledby="kop-voorbeeld">
      <Heading level={2}>
        <span id="kop-voorbeeld">Wat verandert er? (voorbeeld, niet opgeslagen)</span>
      </Heading>
      {preview.warnings.map((warning) => (
        <Alert type="warning">
          <Paragraph>{warning}</Paragraph>
        </Alert>
      ))}
      {preview.vacancies.length === 0 ? <Paragraph>Er zijn geen open vacatures om mee te vergelijken.</Paragraph> : null}
      {preview.vacancies.map((vacancy) => (
        <div class="kansrijk-stack">
          <Heading level={3}>
            {vacancy.title} bij {vacancy.employerName}
          </Heading>
          <Paragraph>
            {vacancy.sameOrder
              ? 'De bovenste plaatsen blijven gelijk.'
              : `${vacancy.top.filter((entry) => entry.previousRank === null).length} nieuw bovenaan, ${vacancy.droppedOut.length} niet meer bovenaan, ${
                  vacancy.top.filter((entry) => entry.previousRank !== null && entry.previousRank !== entry.rank).length
                } op een andere plaats.`}{' '}
            {vacancy.eligible} mensen passen bij de eisen.
          </Paragraph>
          {vacancy.top.length > 0 ? (
            <TableScroll>
              <table class="utrecht-table utrecht-table--html-table">
                <caption class="utrecht-table__caption">Bovenaan met de nieuwe gewichten: {vacancy.title}</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Plaats
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Kandidaat
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Score
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Nu
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {vacancy.top.map((entry) => (
                    <tr class="utrecht-table__row">
                      <td class="utrecht-table__cell">{entry.rank}</td>
                      <td class="utrecht-table__cell">
                        {entry.candidate.name ?? 'onbekend'}
                        {entry.candidate.reference ? ` (${entry.candidate.reference})` : ''}
                      </td>
                      <td class="utrecht-table__cell">{String(entry.total).replace('.', ',')}</td>
                      <td class="utrecht-table__cell">
                        {entry.previousRank === null
                          ? 'nieuw bovenaan'
                          : entry.previousRank === entry.rank
                            ? 'zelfde plaats'
                            : entry.previousRank > entry.rank
                              ? `omhoog (was ${entry.previousRank})`
                              : `omlaag (was ${entry.previousRank})`}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          ) : null}
          {vacancy.droppedOut.length > 0 ? (
            <Paragraph>
              Niet meer bovenaan:{' '}
              {vacancy.droppedOut
                .map(
                  (entry) =>
                    `${entry.candidate.name ?? 'onbekend'}${entry.candidate.reference ? ` (${entry.candidate.reference})` : ''}, was ${entry.previousRank}`,
                )
                .join('; ')}
              .
            </Paragraph>
          ) : null}
        </div>
      ))}
    </section>
  );
}

/** Beheer: the matcher's weights with a what-if preview on recent vacancies (issue 14.7), through the matching service as the API. */
export async function beheerWeightPages(app: FastifyInstance, { db, services }: WerkplekDeps) {
  const { matching } = services;
  const current = (request: FastifyRequest) => matching.getWeights(apiPrincipalOf(request), 'nl');

  app.get('/beheer/gewichten', pageRoute({ access: access.admin, querystring: z.object({ bewaard: z.enum(['1']).optional() }) }), async (request, reply) => {
    const saved = (request.query as { bewaard?: string }).bewaard === '1';
    return reply.html(
      <WeightsPage
        ctx={pageOf(request)}
        current={await current(request)}
        done={saved ? 'De nieuwe gewichten zijn opgeslagen. Elke nieuwe rangschikking gebruikt ze.' : null}
      />,
    );
  });

  // A preview computes, it stores nothing: no run, no new version, no audit row.
  app.post('/beheer/gewichten/voorbeeld', pageRoute({ access: access.admin, body: weightsForm }), async (request, reply) => {
    const form = request.body as WeightsForm;
    const ctx = pageOf(request);
    const parsed = updateWeightsBodySchema.shape.weights.safeParse(weightsOf(form));
    if (!parsed.success) return reply.html(<WeightsPage ctx={ctx} current={await current(request)} values={form} errors={fieldErrors(parsed.error)} />, 422);
    let preview: WeightsPreviewView;
    try {
      preview = await matching.whatIfWeights({ principal: apiPrincipalOf(request), weights: parsed.data });
    } catch (error) {
      const text = problemText(error);
      if (!text) throw error;
      return reply.html(<WeightsPage ctx={ctx} current={await current(request)} values={form} problem={text} />, problemStatus(error));
    }
    return reply.html(<WeightsPage ctx={ctx} current={await current(request)} values={form} preview={preview} />);
  });

  app.post('/beheer/gewichten', pageRoute({ access: access.admin, body: weightsForm }), async (request, reply) => {
    const form = request.body as WeightsForm;
    const ctx = pageOf(request);
    const parsed = updateWeightsBodySchema.safeParse({ weights: weightsOf(form), note: form.note });
    if (!parsed.success) {
      const errors = Object.fromEntries(Object.entries(fieldErrors(parsed.error)).map(([path, message]) => [path.replace(/^weights\./, ''), message]));
      return reply.html(<WeightsPage ctx={ctx} current={await current(request)} values={form} errors={errors} />, 422);
    }
    try {
      await db.transaction((tx) => matching.updateWeights({ tx, principal: apiPrincipalOf(request), body: parsed.data, lang: 'nl' }));
    } catch (error) {
      const text = problemText(error);
      if (!text) throw error;
      return reply.html(<WeightsPage ctx={ctx} current={await current(request)} values={form} problem={text} />, problemStatus(error));
    }
    return reply.redirect(`${BEHEER}/gewichten?bewaard=1`, 303);
  });
}
