import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { amsterdamDate } from '../placements/calendar.js';
import type { Principal } from '../auth/roles.js';
import type { LocationView } from '../employers/employers.schemas.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import { Alert, Button, Heading, inFormOrder, Link, type PageContext, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { Fragment, h, type Child, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { DAY_PARTS, WEEKDAYS, type ShiftPattern } from '../schemas/schedule.js';
import type { Services } from '../services.js';
import { VACANCY_TRANSITIONS, type CreateVacancyBody, type UpdateVacancyBody, type VacancyStatus, type VacancyView } from '../vacancies/vacancies.schemas.js';
import { InputField, SelectField, TextareaField } from '../werkplek/werkplek.forms.js';
import {
  bodyOf,
  emptyVacancyForm,
  FORM_CODES,
  mergeSuggestions,
  readVacancyForm,
  vacancyFormOf,
  type RawForm,
  type VacancyFormValues,
} from './vacancy.form.js';
import {
  CONTRACT_LABELS,
  DAY_PART_LABELS,
  DAY_PART_SHORT,
  IMPORTANCE_LABELS,
  ROTATION_LABELS,
  SUPPORT_LABELS,
  VACANCY_STATUS_LABELS,
  WEEKDAY_LABELS,
  WEEKDAY_SHORT,
  dutchDay,
  label,
  plural,
  weekdayList,
} from './werkgever.labels.js';
import { lookUpOccupations, OccupationChoices, type OccupationHit } from './occupation-pick.js';
import { Choice, Fieldset, FormKey, WerkgeverPage } from './werkgever.layout.js';
import { requestHash, submitOnce } from './werkgever.once.js';

type Deps = { db: Db; services: Services; clock: Clock };
const idParams = z.object({ id: z.uuid() });
/** A posted form: bounded text fields and lists (the form's own fields are read in vacancy.form.ts). */
export const vacancyFormBody = z.record(z.string().max(40), z.union([z.string().max(10_000), z.array(z.string().max(300)).max(200)]));

/** Names of the form's fields as people read them, for the list of errors above the form. */
const FIELD_NAMES: Record<string, string> = {
  titel: 'Titel',
  beroep: 'Beroep',
  omschrijving: 'Wat is het werk',
  locatie: 'Waar',
  contract: 'Soort contract',
  plaatsen: 'Aantal mensen',
  start: 'Startdatum',
  uren: 'Uren per week',
  opbouwUren: 'Beginnen met minder uren',
  ploegen: 'Wisselende diensten',
  diensten: 'Rooster',
  vaardigheden: 'Vaardigheden',
  steun: 'Steun',
  opleiding: 'Opleiding',
  openbaar: 'Vacaturesites',
  formulier: 'Formulier',
};
/** The element each error links to. */
const FIELD_TARGETS: Record<string, string> = { uren: 'veld-urenMin', ...Object.fromEntries(DAY_PARTS.map((part) => [`tijd-${part}`, `veld-${part}-start`])) };
const targetOf = (field: string) => FIELD_TARGETS[field] ?? `veld-${field}`;

/** The errors of the vacancy form, each linked to its field, in the order of the fields in `form`. */
function ErrorList({ errors, form }: { errors: Record<string, string>; form: Html }): Html {
  const entries = inFormOrder(Object.entries(errors), form, targetOf);
  if (entries.length === 0) return <Fragment></Fragment>;
  return (
    <Alert type="error" focus>
      <Paragraph>De vacature is nog niet bewaard. Kijk naar deze punten:</Paragraph>
      <ul class="utrecht-unordered-list">
        {entries.map(([field, message]) => (
          <li class="utrecht-unordered-list__item">
            {field === 'formulier' ? (
              message
            ) : (
              <Fragment>
                <a class="utrecht-link utrecht-link--html-a" href={`#${targetOf(field)}`}>
                  {FIELD_NAMES[field] ??
                    (field.startsWith('tijd-') ? `Tijden van de ${DAY_PART_LABELS[field.slice(5) as keyof typeof DAY_PART_LABELS]}` : field)}
                </a>
                : {message}
              </Fragment>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** The shift-pattern builder: weekdays × day parts, the times of each day part, fixed or rotating. */
export function ShiftBuilder({ values, errors }: { values: VacancyFormValues; errors: Record<string, string> }): Html {
  return (
    <div class="kansrijk-stack">
      <Fieldset
        legend="Op welke dagen en diensten werkt iemand?"
        id="veld-diensten"
        description="Zet een vinkje bij elke dienst die er is. Bij wisselende diensten: alle diensten van het rooster."
        error={errors.diensten}
      >
        <TableScroll>
          <table class="utrecht-table utrecht-table--html-table werkgever-grid">
            <caption class="utrecht-table__caption kansrijk-visually-hidden">Rooster: dagen en diensten</caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Dag
                </th>
                {DAY_PARTS.map((part) => (
                  <th class="utrecht-table__header-cell" scope="col">
                    {DAY_PART_SHORT[part]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {WEEKDAYS.map((day) => (
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="row">
                    <span aria-hidden="true">{WEEKDAY_SHORT[day]}</span>
                    <span class="kansrijk-visually-hidden">{WEEKDAY_LABELS[day]}</span>
                  </th>
                  {DAY_PARTS.map((part) => (
                    <td class="utrecht-table__cell">
                      <input
                        class="utrecht-checkbox utrecht-checkbox--html-input"
                        type="checkbox"
                        name="dienst"
                        value={`${day}:${part}`}
                        id={`dienst-${day}-${part}`}
                        checked={values.diensten.includes(`${day}:${part}`)}
                      />
                      <label class="kansrijk-visually-hidden" for={`dienst-${day}-${part}`}>
                        {WEEKDAY_LABELS[day]}, {DAY_PART_LABELS[part]}
                      </label>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </Fieldset>
      <Fieldset legend="Hoe laat zijn de diensten?" description="U mag de tijden aanpassen. Een nachtdienst eindigt de volgende ochtend.">
        <div class="werkgever-times">
          {DAY_PARTS.map((part) => (
            <div class="kansrijk-stack">
              <InputField
                name={`${part}-start`}
                id={`veld-${part}-start`}
                label={`${DAY_PART_SHORT[part]}: begint om`}
                type="time"
                value={values.tijden[part].start}
                error={errors[`tijd-${part}`]}
              />
              <InputField
                name={`${part}-eind`}
                id={`veld-${part}-eind`}
                label={`${DAY_PART_SHORT[part]}: eindigt om`}
                type="time"
                value={values.tijden[part].end}
              />
            </div>
          ))}
        </div>
      </Fieldset>
      <Fieldset legend="Wisselen de diensten?" id="veld-ploegen" error={errors.ploegen}>
        <Choice type="radio" name="rooster" value="fixed" id="rooster-fixed" checked={values.rooster === 'fixed'}>
          Nee, iemand werkt elke week dezelfde diensten
        </Choice>
        <Choice type="radio" name="rooster" value="rotating" id="rooster-rotating" checked={values.rooster === 'rotating'}>
          Ja, de diensten wisselen (ploegendienst)
        </Choice>
        <SelectField
          name="ploegen"
          id="veld-ploegen-systeem"
          label="Bij wisselende diensten: welke ploegen?"
          options={FORM_CODES.ROTATION_SYSTEMS.map((system) => ({ value: system, label: label(ROTATION_LABELS, system) }))}
          value={values.ploegen}
        />
        <InputField
          name="cyclus"
          id="veld-cyclus"
          label="Na hoeveel weken begint het rooster opnieuw?"
          type="number"
          min={1}
          max={12}
          inputmode="numeric"
          value={values.cyclus}
        />
      </Fieldset>
    </div>
  );
}

function CompetencyChoices({
  rows,
  values,
  errors,
  occupationLabel,
  englishLabels,
}: {
  rows: VacancyFormValues['vaardigheden'];
  values: VacancyFormValues;
  errors: Record<string, string>;
  occupationLabel: string | null;
  /** Concepts whose label is English (no Dutch label yet): marked lang="en" (issue 13.3). */
  englishLabels: ReadonlySet<string>;
}): Html {
  const importance = [
    { value: '', label: 'niet nodig' },
    ...FORM_CODES.COMPETENCY_IMPORTANCE.map((code) => ({ value: code, label: label(IMPORTANCE_LABELS, code) })),
  ];
  return (
    <Fieldset
      legend="Wat moet iemand kunnen, en wat mag iemand nog leren op de werkvloer?"
      id="veld-vaardigheden"
      description="Kies bij elke vaardigheid wat voor u geldt. Hoe meer iemand op de werkvloer mag leren, hoe meer mensen het Werkplein u kan voorstellen."
      error={errors.vaardigheden}
    >
      <input type="hidden" name="vaardigheden" value={String(rows.length)} />
      {rows.length === 0 ? (
        <Paragraph>
          {occupationLabel
            ? `Bij ${occupationLabel} kennen wij nog geen vaardigheden.`
            : 'Kies eerst een beroep. Dan ziet u hier de vaardigheden die bij dat werk horen.'}
        </Paragraph>
      ) : (
        <Paragraph>{occupationLabel ? `Vaardigheden die bij ${occupationLabel} horen:` : 'Vaardigheden van deze vacature:'}</Paragraph>
      )}
      <div class="werkgever-competencies">
        {rows.map((row, index) => (
          <div>
            <input type="hidden" name={`v${index}-uri`} value={row.uri} />
            <input type="hidden" name={`v${index}-label`} value={row.label} />
            <SelectField
              name={`v${index}-belang`}
              id={`veld-v${index}`}
              label={row.label}
              labelLang={englishLabels.has(row.uri) ? 'en' : undefined}
              options={importance}
              value={row.belang}
            />
          </div>
        ))}
      </div>
      <InputField name="eigenLabel" id="veld-eigenLabel" label="Nog iets anders dat iemand moet kunnen (mag leeg)" value={values.eigenLabel} />
      <SelectField name="eigenBelang" id="veld-eigenBelang" label="Hoe belangrijk is dat?" options={importance.slice(1)} value={values.eigenBelang || 'must'} />
    </Fieldset>
  );
}

type FormMode = { kind: 'new' } | { kind: 'edit'; vacancy: VacancyView };

/**
 * Where the vacancy form is used: by the employer itself (its own pages), or by employer relations
 * staff on the werkplek for an employer (issue 14.6). One form, one shift-pattern builder, one check.
 */
export type VacancyFormTarget = {
  /** The employer the vacancy is for (its locations are offered); an employer user's own. */
  employerId: string | null;
  action: (mode: FormMode) => string;
  Page: (props: { ctx: PageContext; title: string; children?: Child }) => Html;
  /** Where a saved vacancy is shown: a new one, or one that was changed. */
  saved: (id: string, changed?: boolean) => string;
  /** Where a form sent twice with other values goes. */
  duplicate: (mode: FormMode) => string;
};

const employerTarget = (principal: Principal): VacancyFormTarget => ({
  employerId: principal.employerId,
  action: (mode) => (mode.kind === 'new' ? '/werkgever/vacatures/nieuw' : `/werkgever/vacatures/${mode.vacancy.id}/bewerken`),
  Page: WerkgeverPage,
  saved: (id, changed) => `/werkgever/vacatures/${id}?${changed ? 'gewijzigd' : 'bewaard'}=1`,
  duplicate: (mode) => (mode.kind === 'new' ? '/werkgever/vacatures?dubbel=1' : `/werkgever/vacatures/${mode.vacancy.id}?dubbel=1`),
});

async function renderForm({
  services,
  ctx,
  principal,
  mode,
  values,
  errors = {},
  hits,
  notice,
  target = employerTarget(principal),
}: {
  services: Services;
  ctx: PageContext;
  principal: Principal;
  target?: VacancyFormTarget;
  mode: FormMode;
  values: VacancyFormValues;
  errors?: Record<string, string>;
  hits?: OccupationHit[];
  notice?: string;
}): Promise<Html> {
  const locations: LocationView[] = target.employerId ? await services.employers.listLocations(principal, target.employerId) : [];
  let occupationLabel: string | null = null;
  let englishLabels: ReadonlySet<string> = new Set();
  let rows = values.vaardigheden;
  if (values.beroep) {
    const suggested = await services.taxonomy.suggestedCompetencies(values.beroep.split('/').pop() ?? '', principal.tenantId).catch(() => null);
    if (suggested) {
      occupationLabel = suggested.occupationLabel;
      englishLabels = new Set(suggested.englishLabels);
      rows = mergeSuggestions(rows, suggested.competencies);
    }
  }
  const title = mode.kind === 'new' ? 'Nieuwe vacature' : `${mode.vacancy.title} aanpassen`;
  const action = target.action(mode);
  const status = mode.kind === 'edit' ? mode.vacancy.status : 'draft';
  const Page = target.Page;
  const form = (
    <PostForm ctx={ctx} action={action} className="kansrijk-stack werkgever-form">
      <FormKey />
      <section class="kansrijk-stack" aria-labelledby="kop-werk">
        <Heading level={2}>
          <span id="kop-werk">Het werk</span>
        </Heading>
        <InputField
          name="titel"
          id="veld-titel"
          label="Titel van de vacature"
          description="Bijvoorbeeld: orderpicker, schoonmaker, medewerker bakkerij."
          value={values.titel}
          error={errors.titel}
        />
        <Button variant="secondary" name="actie" value="zoek">
          Zoek het beroep bij deze titel
        </Button>
        {hits ? (
          <OccupationChoices
            name="beroep"
            legend="Welk beroep past het best?"
            id="veld-beroep"
            hits={hits}
            chosen={values.beroep}
            error={errors.beroep}
            button={{ name: 'actie', value: 'beroep', label: 'Kies dit beroep en toon de vaardigheden' }}
          />
        ) : values.beroep ? (
          <Fragment>
            <input type="hidden" name="beroep" value={values.beroep} />
            <Paragraph>
              Beroep: <strong>{occupationLabel ?? 'gekozen'}</strong>. Een ander beroep? Pas de titel aan en zoek opnieuw.
            </Paragraph>
          </Fragment>
        ) : null}
        <TextareaField
          name="omschrijving"
          id="veld-omschrijving"
          label="Wat doet iemand op een werkdag? (mag leeg)"
          description="Schrijf korte zinnen, zonder moeilijke woorden."
          value={values.omschrijving}
          error={errors.omschrijving}
          rows={4}
        />
        <SelectField
          name="locatie"
          id="veld-locatie"
          label="Waar is het werk?"
          options={locations.map((location) => ({ value: location.id, label: `${location.name}, ${location.city}` }))}
          value={values.locatie}
          error={errors.locatie}
        />
        <SelectField
          name="contract"
          id="veld-contract"
          label="Soort contract"
          options={FORM_CODES.CONTRACT_TYPES.map((code) => ({ value: code, label: label(CONTRACT_LABELS, code) }))}
          value={values.contract}
          error={errors.contract}
        />
        <InputField
          name="plaatsen"
          id="veld-plaatsen"
          label="Hoeveel mensen zoekt u?"
          type="number"
          min={1}
          max={500}
          inputmode="numeric"
          value={values.plaatsen}
          error={errors.plaatsen}
        />
        <InputField name="start" id="veld-start" label="Wanneer kan iemand beginnen? (mag leeg)" type="date" value={values.start} error={errors.start} />
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-uren">
        <Heading level={2}>
          <span id="kop-uren">Uren</span>
        </Heading>
        <InputField
          name="urenMin"
          id="veld-urenMin"
          label="Minimaal aantal uren per week"
          type="number"
          min={1}
          max={48}
          inputmode="numeric"
          value={values.urenMin}
          error={errors.uren}
        />
        <InputField
          name="urenMax"
          id="veld-urenMax"
          label="Maximaal aantal uren per week"
          type="number"
          min={1}
          max={48}
          inputmode="numeric"
          value={values.urenMax}
        />
        <Choice type="checkbox" name="opbouw" value="ja" id="veld-opbouw" checked={values.opbouw}>
          Iemand mag beginnen met minder uren en dat opbouwen
        </Choice>
        <InputField
          name="opbouwUren"
          id="veld-opbouwUren"
          label="Beginnen met hoeveel uur per week?"
          description="Minder dan het minimum hierboven. Het Werkplein spreekt met u af hoe snel het aantal uren groeit."
          type="number"
          min={1}
          max={40}
          inputmode="numeric"
          value={values.opbouwUren}
          error={errors.opbouwUren}
        />
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-rooster">
        <Heading level={2}>
          <span id="kop-rooster">Rooster</span>
        </Heading>
        <ShiftBuilder values={values} errors={errors} />
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-kunnen">
        <Heading level={2}>
          <span id="kop-kunnen">Wat iemand kan en leert</span>
        </Heading>
        <CompetencyChoices rows={rows} values={values} errors={errors} occupationLabel={occupationLabel} englishLabels={englishLabels} />
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-steun">
        <Heading level={2}>
          <span id="kop-steun">Steun en opleiding</span>
        </Heading>
        <Fieldset legend="Wat biedt u bij de start?" id="veld-steun" error={errors.steun}>
          {FORM_CODES.SUPPORT_KINDS.map((code) => (
            <Choice type="checkbox" name="steun" value={code} id={`steun-${code}`} checked={values.steun.includes(code)}>
              {label(SUPPORT_LABELS, code)}
            </Choice>
          ))}
        </Fieldset>
        <InputField
          name="opleiding"
          id="veld-opleiding"
          label="Welke opleiding geeft u op het werk? (mag leeg)"
          description="Bijvoorbeeld: heftruckcertificaat in de eerste maand."
          value={values.opleiding}
          error={errors.opleiding}
        />
      </section>
      <section class="kansrijk-stack" aria-labelledby="kop-openbaar">
        <Heading level={2}>
          <span id="kop-openbaar">Vacaturesites</span>
        </Heading>
        <Paragraph>
          Het Werkplein kan uw vacature ook op vacaturesites zetten. Dan ziet iedereen de titel, de tekst, de uren, de plaats en uw naam. Nooit iets over de
          mensen die u aannemen.
        </Paragraph>
        <Choice type="checkbox" name="openbaar" value="ja" id="veld-openbaar" checked={values.openbaar}>
          Ja, zet deze vacature op vacaturesites zolang hij open staat
        </Choice>
      </section>
      <div class="werkgever-answers">
        {status === 'draft' ? (
          <Fragment>
            <Button name="actie" value="plaatsen">
              {mode.kind === 'new' ? 'Plaatsen' : 'Opslaan en plaatsen'}
            </Button>
            <Button variant="secondary" name="actie" value="concept">
              Bewaren als concept
            </Button>
          </Fragment>
        ) : (
          <Button name="actie" value="opslaan">
            Opslaan
          </Button>
        )}
      </div>
    </PostForm>
  );
  return (
    <Page ctx={ctx} title={title}>
      <Heading>{title}</Heading>
      <Paragraph lead>Beschrijf het werk in gewone woorden. Het Werkplein zoekt mensen die passen, of het werk kunnen leren.</Paragraph>
      <ErrorList errors={errors} form={form} />
      {notice ? (
        <Alert type="warning">
          <Paragraph>{notice}</Paragraph>
        </Alert>
      ) : null}
      {form}
    </Page>
  );
}

/** "vroege dienst van 06:00 tot 14:00, maandag t/m vrijdag". */
export function shiftLines(pattern: ShiftPattern): string[] {
  return pattern.shifts.map((shift) => `${DAY_PART_LABELS[shift.dayPart]} van ${shift.start} tot ${shift.end}, ${weekdayList(shift.weekdays)}`);
}

function VacancySummary({ vacancy }: { vacancy: VacancyView }): Html {
  const pattern = vacancy.shiftPattern as ShiftPattern;
  const groups = FORM_CODES.COMPETENCY_IMPORTANCE.map((importance) => ({
    importance,
    items: vacancy.competencies.filter((competency) => competency.importance === importance),
  })).filter((group) => group.items.length > 0);
  return (
    <div class="kansrijk-stack">
      <Paragraph>
        {vacancy.location.name}, {vacancy.location.city}. {label(CONTRACT_LABELS, vacancy.contractType)}, {plural(vacancy.positions, 'plek', 'plekken')}
        {vacancy.startDate ? `, beginnen vanaf ${dutchDay(vacancy.startDate)}` : ''}.
      </Paragraph>
      {vacancy.description ? <Paragraph>{vacancy.description}</Paragraph> : null}
      {vacancy.public ? <Paragraph>Deze vacature staat op vacaturesites zolang hij open staat.</Paragraph> : null}
      <Heading level={2}>Uren en rooster</Heading>
      <Paragraph>
        {vacancy.hoursPerWeek.min === vacancy.hoursPerWeek.max ? `${vacancy.hoursPerWeek.min}` : `${vacancy.hoursPerWeek.min} tot ${vacancy.hoursPerWeek.max}`}{' '}
        uur per week.
        {vacancy.rampUpFromHours !== null ? ` Beginnen met minder uren kan: vanaf ${vacancy.rampUpFromHours} uur per week, en dan opbouwen.` : ''}
      </Paragraph>
      <ul class="utrecht-unordered-list">
        {shiftLines(pattern).map((line) => (
          <li class="utrecht-unordered-list__item">{line}</li>
        ))}
      </ul>
      {pattern.rotation ? (
        <Paragraph>
          De diensten wisselen: {label(ROTATION_LABELS, pattern.rotation.system)}. Het rooster duurt {plural(pattern.rotation.cycleWeeks, 'week', 'weken')} en
          begint dan opnieuw.
        </Paragraph>
      ) : (
        <Paragraph>Iemand werkt elke week dezelfde diensten.</Paragraph>
      )}
      {groups.length > 0 ? <Heading level={2}>Wat iemand kan en leert</Heading> : null}
      {groups.map((group) => (
        <Fragment>
          <Paragraph>
            <strong>{label(IMPORTANCE_LABELS, group.importance).replace(/^./, (first) => first.toUpperCase())}:</strong>{' '}
            {group.items.map((item) => item.label).join(', ')}.
          </Paragraph>
        </Fragment>
      ))}
      {vacancy.supportOffered.length > 0 || vacancy.trainingOffered.length > 0 ? <Heading level={2}>Steun en opleiding</Heading> : null}
      {vacancy.supportOffered.length > 0 ? (
        <Paragraph>U biedt: {vacancy.supportOffered.map((code) => label(SUPPORT_LABELS, code)).join(', ')}.</Paragraph>
      ) : null}
      {vacancy.trainingOffered.length > 0 ? (
        <Paragraph>Opleiding op het werk: {vacancy.trainingOffered.map((training) => training.title).join(', ')}.</Paragraph>
      ) : null}
    </div>
  );
}

/** What the employer hears about shortlists for one vacancy: sent ones with a link, one coming without names. */
function ShortlistNote({ sent, preparing }: { sent: Array<{ id: string; candidates: number; sentAt: string | null }>; preparing: boolean }): Html {
  return (
    <Fragment>
      {sent.map((shortlist) => (
        <Fragment>
          {' '}
          <Link href={`/werkgever/shortlists/${shortlist.id}`}>{plural(shortlist.candidates, 'kandidaat', 'kandidaten')}</Link> gestuurd
          {shortlist.sentAt ? ` op ${dutchDay(shortlist.sentAt)}` : ''}.
        </Fragment>
      ))}
      {preparing ? <strong> Het Werkplein zoekt nu kandidaten voor u.</strong> : null}
    </Fragment>
  );
}

const STATUS_ACTIONS: Partial<Record<VacancyStatus, string>> = { open: 'Plaatsen', filled: 'Vacature is vervuld', closed: 'Vacature sluiten' };

const problemText = (error: ProblemError) => renderProblem(error.spec, 'nl', { values: error.values }).detail ?? error.spec.title.nl;

/** Problems of the service as form errors: on the field a pointer names, else above the form. */
function problemErrors(error: ProblemError): Record<string, string> {
  const pointed = (error.errors ?? []).flatMap((field) =>
    'pointer' in field && field.pointer === '/body/locationId' ? [['locatie', problemText(error)] as const] : [],
  );
  return pointed.length > 0 ? Object.fromEntries(pointed) : { formulier: problemText(error) };
}

/** The update body of a checked create body: every field, cleared ones as null. */
function updateOf(body: CreateVacancyBody, status: VacancyStatus | undefined): UpdateVacancyBody {
  const { status: _ignored, employerId: _employer, ...fields } = body;
  return {
    ...fields,
    occupationUri: fields.occupationUri ?? null,
    description: fields.description ?? null,
    startDate: fields.startDate ?? null,
    ...(status ? { status } : {}),
  };
}

/** The vacancy form's flow (occupation search, save as draft or open, once per form key) for a target. */
export function createVacancyForm({ db, services, clock }: Deps, targetOf: (request: FastifyRequest) => VacancyFormTarget) {
  const once = (request: FastifyRequest, reply: FastifyReply, options: Parameters<typeof submitOnce>[3]) => submitOnce(db, request, reply, options);

  async function occupationHits(title: string): Promise<{ hits?: OccupationHit[]; notice?: string }> {
    const found = await lookUpOccupations(services.taxonomy, title, 6);
    if ('hits' in found) return { hits: found.hits };
    return found.problem === 'none'
      ? { notice: `Bij "${title}" vonden wij geen beroep. Probeer een ander woord, of ga verder zonder beroep.` }
      : { notice: 'Beroepen zoeken lukt nu even niet. U kunt de vacature ook zonder beroep bewaren.' };
  }

  /** The form's buttons: search occupations, take one, or save (as draft, open, or as it is). */
  async function handleForm(request: FastifyRequest, reply: FastifyReply, mode: FormMode) {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const target = targetOf(request);
    const form = request.body as RawForm;
    const values = readVacancyForm(form);
    const actie = typeof form.actie === 'string' ? form.actie : 'zoek';
    const again = async (extra: { errors?: Record<string, string>; hits?: OccupationHit[]; notice?: string }, status = 200) =>
      reply.html(await renderForm({ services, ctx, principal, target, mode, values, ...extra }), status);

    if (actie === 'zoek' || actie === 'beroep') {
      if (actie === 'beroep') return again({});
      if (!values.titel) return again({ errors: { titel: 'Vul eerst een titel in. Dan zoeken wij het beroep dat erbij past.' } }, 400);
      return again(await occupationHits(values.titel));
    }
    const status = actie === 'plaatsen' ? 'open' : 'draft';
    const checked = bodyOf(values, status);
    if ('errors' in checked) return again({ errors: checked.errors }, 400);
    // A start date that is already over, newly given: the Werkplein would look for people too late.
    const startChanged = mode.kind === 'new' || values.start !== (mode.vacancy.startDate ?? '');
    if (startChanged && values.start && values.start < amsterdamDate(clock.now()))
      return again({ errors: { start: 'Deze datum is al voorbij. Kies een datum vanaf vandaag.' } }, 400);
    // Staff post for the employer of the page; an employer user's vacancy is its own (the service decides).
    const created = !principal.employerId && target.employerId ? { ...checked.body, employerId: target.employerId } : checked.body;
    try {
      if (mode.kind === 'new') {
        return await once(request, reply, {
          hash: requestHash(['create', created]),
          changed: target.duplicate(mode),
          change: async (tx) => target.saved((await services.vacancies.create(tx, principal, created)).id),
        });
      }
      const id = mode.vacancy.id;
      const body = updateOf(checked.body, actie === 'plaatsen' ? 'open' : undefined);
      return await once(request, reply, {
        hash: requestHash(['update', id, body]),
        changed: target.duplicate(mode),
        change: async (tx) => target.saved((await services.vacancies.update({ tx, principal, id, body })).id, true),
      });
    } catch (error) {
      if (error instanceof ProblemError && error.spec.status < 500 && error.spec.status !== 404)
        return again({ errors: problemErrors(error) }, error.spec.status);
      throw error;
    }
  }

  return {
    once,
    handle: handleForm,
    show: async (request: FastifyRequest, mode: FormMode, values: VacancyFormValues) =>
      renderForm({ services, ctx: pageOf(request), principal: apiPrincipalOf(request), target: targetOf(request), mode, values }),
  };
}

export async function werkgeverVacancyPages(app: FastifyInstance, deps: Deps) {
  const { services } = deps;
  const { once, handle: handleForm, show } = createVacancyForm(deps, (request) => employerTarget(apiPrincipalOf(request)));

  app.get('/vacatures', pageRoute({ access: ['employer'], querystring: z.object({ dubbel: z.literal('1').optional() }) }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const [vacancies, shortlists, preparing] = await Promise.all([
      services.vacancies.list(principal, { limit: 100 }),
      services.shortlists.list(principal, { limit: 100 }),
      principal.employerId ? services.shortlists.vacanciesPreparing(principal, principal.employerId) : Promise.resolve([]),
    ]);
    const groups = (['draft', 'open', 'filled', 'closed'] as const)
      .map((status) => ({ status, items: vacancies.items.filter((vacancy) => vacancy.status === status) }))
      .filter((group) => group.items.length > 0);
    const dubbel = (request.query as { dubbel?: string }).dubbel;
    return reply.html(
      <WerkgeverPage ctx={ctx} title="Vacatures">
        <Heading>Uw vacatures</Heading>
        {dubbel ? (
          <Alert type="warning">
            <Paragraph>Dit formulier was al verstuurd. Hieronder ziet u wat er nu staat.</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>
          <Link href="/werkgever/vacatures/nieuw">Nieuwe vacature plaatsen</Link>
        </Paragraph>
        {groups.length === 0 ? <Paragraph>U heeft nog geen vacatures.</Paragraph> : null}
        {groups.map((group) => (
          <section class="kansrijk-stack" aria-labelledby={`kop-${group.status}`}>
            <Heading level={2}>
              <span id={`kop-${group.status}`}>{{ draft: 'Concepten', open: 'Open', filled: 'Vervuld', closed: 'Gesloten' }[group.status]}</span>
            </Heading>
            <ul class="utrecht-unordered-list kansrijk-stack">
              {group.items.map((vacancy) => (
                <li class="utrecht-unordered-list__item">
                  <Link href={`/werkgever/vacatures/${vacancy.id}`}>{vacancy.title}</Link>: {vacancy.location.city}, {vacancy.hoursPerWeek.min}–
                  {vacancy.hoursPerWeek.max} uur.
                  <ShortlistNote
                    sent={shortlists.items.filter((shortlist) => shortlist.vacancy.id === vacancy.id)}
                    preparing={preparing.includes(vacancy.id)}
                  />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </WerkgeverPage>,
    );
  });

  app.get('/vacatures/nieuw', pageRoute({ access: ['employer'] }), async (request, reply) =>
    reply.html(await show(request, { kind: 'new' }, emptyVacancyForm())),
  );

  app.post('/vacatures/nieuw', pageRoute({ access: ['employer'], body: vacancyFormBody }), async (request, reply) =>
    handleForm(request, reply, { kind: 'new' }),
  );

  const pageQuery = z.object({ bewaard: z.literal('1').optional(), gewijzigd: z.literal('1').optional(), dubbel: z.literal('1').optional() });
  app.get('/vacatures/:id', pageRoute({ access: ['employer'], params: idParams, querystring: pageQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const query = request.query as z.infer<typeof pageQuery>;
    const vacancy = await services.vacancies.get(principal, id);
    const [shortlists, preparing] = await Promise.all([
      services.shortlists.listForVacancy(principal, id, { limit: 20 }),
      services.shortlists.vacanciesPreparing(principal, vacancy.employerId),
    ]);
    const next = VACANCY_TRANSITIONS[vacancy.status].filter((status) => STATUS_ACTIONS[status]);
    return reply.html(
      <WerkgeverPage ctx={ctx} title={vacancy.title}>
        <Heading>{vacancy.title}</Heading>
        {query.bewaard ? (
          <Alert type="ok">
            <Paragraph>
              {vacancy.status === 'open' ? 'De vacature is geplaatst. Het Werkplein gaat op zoek naar kandidaten.' : 'De vacature is bewaard.'}
            </Paragraph>
          </Alert>
        ) : null}
        {query.gewijzigd ? (
          <Alert type="ok">
            <Paragraph>Uw wijzigingen zijn bewaard.</Paragraph>
          </Alert>
        ) : null}
        {query.dubbel ? (
          <Alert type="warning">
            <Paragraph>Dit formulier was al verstuurd. Hieronder ziet u wat er nu staat.</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>
          Status: <strong>{label(VACANCY_STATUS_LABELS, vacancy.status)}</strong>.
          {vacancy.status === 'draft' ? ' Een concept ziet het Werkplein nog niet als open vacature.' : ''}
          <ShortlistNote sent={shortlists.items} preparing={preparing.includes(vacancy.id)} />
        </Paragraph>
        <VacancySummary vacancy={vacancy} />
        {vacancy.status === 'draft' || vacancy.status === 'open' ? (
          <Paragraph>
            <Link href={`/werkgever/vacatures/${id}/bewerken`}>Vacature aanpassen</Link>
          </Paragraph>
        ) : null}
        {next.length > 0 ? (
          <div class="werkgever-answers">
            {next.map((status) => (
              <PostForm
                ctx={ctx}
                action={`/werkgever/vacatures/${id}/status`}
                confirm={status === 'open' ? undefined : `${STATUS_ACTIONS[status]}? Dit kunt u niet terugdraaien.`}
              >
                <FormKey />
                <input type="hidden" name="naar" value={status} />
                <Button variant={status === 'open' ? 'primary' : 'secondary'}>{STATUS_ACTIONS[status]}</Button>
              </PostForm>
            ))}
          </div>
        ) : null}
        <Paragraph>
          <Link href="/werkgever/vacatures">Terug naar uw vacatures</Link>
        </Paragraph>
      </WerkgeverPage>,
    );
  });

  app.get('/vacatures/:id/bewerken', pageRoute({ access: ['employer'], params: idParams }), async (request, reply) => {
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const vacancy = await services.vacancies.get(principal, id);
    return reply.html(await show(request, { kind: 'edit', vacancy }, vacancyFormOf(vacancy)));
  });

  app.post('/vacatures/:id/bewerken', pageRoute({ access: ['employer'], params: idParams, body: vacancyFormBody }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const vacancy = await services.vacancies.get(apiPrincipalOf(request), id);
    return handleForm(request, reply, { kind: 'edit', vacancy });
  });

  const statusBody = z.object({ _csrf: z.string(), _sleutel: z.string().max(200).optional(), naar: z.enum(['open', 'filled', 'closed']).optional() });
  app.post('/vacatures/:id/status', pageRoute({ access: ['employer'], params: idParams, body: statusBody }), async (request, reply) => {
    const principal = apiPrincipalOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const { naar } = request.body as z.infer<typeof statusBody>;
    // Another employer's or tenant's vacancy: not found, before the form is looked at.
    await services.vacancies.get(principal, id);
    if (!naar) return reply.redirect(`/werkgever/vacatures/${id}`, 303);
    return once(request, reply, {
      hash: requestHash(['status', id, naar]),
      changed: `/werkgever/vacatures/${id}?dubbel=1`,
      change: async (tx) => `/werkgever/vacatures/${(await services.vacancies.update({ tx, principal, id, body: { status: naar } })).id}?bewaard=1`,
    });
  });
}
