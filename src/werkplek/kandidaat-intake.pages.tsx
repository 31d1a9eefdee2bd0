import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { access } from '../auth/roles.js';
import {
  ACTION_OWNERS,
  EXPERIENCE_KINDS,
  SEVERITIES,
  sectionSchema,
  type QuestionnaireVersion,
  CURRENT_QUESTIONNAIRE_VERSION,
} from '../intake/intake.answers.js';
import { questionnaire } from '../intake/intake.questionnaire.js';
import { SECTORS } from '../employers/employers.schemas.js';
import { ProblemError } from '../http/problems.js';
import { candidateProblems } from '../candidates/candidates.errors.js';
import { createAssessmentBodySchema } from '../candidates/candidates.schemas.js';
import { EVIDENCE_KINDS, LIFE_DOMAINS, TRAVEL_MODES } from '../matching/matcher.types.js';
import { DOMAIN_LABELS, EXPERIENCE_LABELS, LEVEL_LABELS, SECTOR_LABELS, WEEKDAY_LABELS } from '../mijn/mijn.labels.js';
import { Alert, Button, Heading, Link, Paragraph, PostForm, type PageContext } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';
import { TRAVEL_MODE_LABELS } from '../pages/labels.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { DAY_PARTS, WEEKDAYS } from '../schemas/schedule.js';
import type { Services } from '../services.js';
import { DRIVING_LICENCE_CATEGORIES } from '../vacancies/vacancies.schemas.js';
import { lookUpOccupations, OccupationChoices, OccupationLabel, occupationLabels, type OccupationHit } from '../werkgever/occupation-pick.js';
import { Choice, Fieldset } from '../werkgever/werkgever.layout.js';
import { ChoiceGroup, ErrorSummary, fieldErrors, InputField, optionsOf, SelectField, TextareaField } from './werkplek.forms.js';
import { DAY_PART_LABELS, EVIDENCE_LABELS } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

/*
 * The intake as a step-by-step form (issue 14, candidate page): one step per section of the
 * versioned questionnaire, each saved on "Volgende" (POST, then redirect to the next step), so it
 * works without JavaScript and can be left and picked up. Each step is validated with that
 * section's own answer schema (intake.answers.ts); finishing submits the draft through the same
 * service call as the API's intake (candidates.finishIntakeDraft → submitIntake).
 *
 * Form fields are named after the path of their answer inside the section ("0.title",
 * "grid.mon", "health.severity"), so that a validation issue finds its field, and the error summary
 * links to it.
 *
 * The first step links the person's work wishes to occupations of the taxonomy with the vacancy
 * form's occupation pick (werkgever/occupation-pick.tsx): "Zoek beroepen" and "Kies dit beroep"
 * send the step without saving it, and the page comes back with what was typed kept, the
 * suggestions as radio buttons, or the pick added to the chosen occupations. The person's own
 * words (titles) stay as typed next to the occupations.
 */

type Deps = { db: Db; services: Services };
/** What a form sent, or the saved answer as form values: field name → text or list of texts. */
type FormValues = Record<string, string | string[] | undefined>;
type Read = { value: unknown; nameOf: (path: PropertyKey[]) => string };
/** The first step's occupation pick: the chosen occupations' labels, and the suggestions of a search. */
type OccupationPick = { labels: Record<string, Pick<OccupationHit, 'label' | 'labelLanguage'>>; hits?: OccupationHit[]; notice?: string };
type StepView = {
  values: FormValues;
  errors: Record<string, string>;
  version: QuestionnaireVersion;
  questions: Record<string, string>;
  occupations?: OccupationPick | undefined;
};
/** The first step's buttons that send the form without saving it. */
const OCCUPATION_ACTIONS = ['zoek-beroep', 'kies-beroep'] as const;
/** Suggestions shown per search. */
const OCCUPATION_SUGGESTIONS = 8;
type Step = {
  /** How many rows a repeated section shows: what is saved plus some empty ones. */
  toForm: (value: unknown) => FormValues;
  read: (form: FormValues, version: QuestionnaireVersion) => Read;
  Fields: (view: StepView) => Html;
};

const OWNER_LABELS_STAFF: Record<string, string> = { candidate: 'de kandidaat', account_manager: 'de klantmanager', partner: 'een andere organisatie' };
const SEVERITY_LABELS: Record<string, string> = { none: 'speelt niet', light: 'licht', moderate: 'middel', severe: 'zwaar' };
const EDUCATION_LABELS: Record<string, string> = {
  '0': 'geen opleiding afgemaakt',
  '1': 'basisschool of vmbo',
  '2': 'mbo 1 of 2',
  '3': 'mbo 3 of 4, havo of vwo',
  '4': 'hbo of universiteit',
};
const SCORE_LABELS: Record<string, string> = { '1': '1 (laag)', '2': '2', '3': '3', '4': '4', '5': '5 (hoog)' };

/* Reading form values. */
const text = (form: FormValues, name: string): string => {
  const value = form[name];
  return (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
};
const list = (form: FormValues, name: string): string[] => {
  const value = form[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
};
/** Empty: not given. Digits: a number. Anything else goes to the schema as typed, which then says what is expected. */
const number = (raw: string): number | string | undefined => (raw === '' ? undefined : /^-?\d+([.,]\d+)?$/.test(raw) ? Number(raw.replace(',', '.')) : raw);
const optionalText = (raw: string): string | undefined => (raw === '' ? undefined : raw);
const lines = (raw: string): string[] =>
  raw
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean);
const str = (value: unknown): string =>
  value === undefined || value === null
    ? ''
    : typeof value === 'string'
      ? value
      : typeof value === 'number' || typeof value === 'boolean'
        ? String(value)
        : JSON.stringify(value);
const fieldId = (name: string) => `veld-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Rows shown for a repeated part: the saved ones and two empty ones (at least `min`). */
function rowCount(form: FormValues, field: string, min: number, max: number): number {
  let saved = 0;
  while (form[`${saved}.${field}`] !== undefined) saved += 1;
  return Math.min(max, Math.max(min, saved + 2));
}
const rowsOf = (count: number) => Array.from({ length: count }, (_, index) => index);

/** Paths of a list built from some of the form's rows: index in the list → row number on the form. */
function rowPaths(rows: number[], fallback: string) {
  return (path: PropertyKey[]) => {
    const [index, field] = path;
    if (typeof index === 'number' && rows[index] !== undefined) return `${rows[index]}.${String(field ?? fallback)}`;
    return `0.${fallback}`;
  };
}

/** The chosen occupations: those still ticked, and a suggestion picked with its radio button (once each). */
function chosenOccupations(form: FormValues): string[] {
  return [...new Set([...list(form, 'occupationUris'), text(form, 'beroep')].filter(Boolean))];
}

/** The first step's occupations: the chosen ones (untick to remove), a search, and its suggestions to pick from. */
function OccupationFields({
  values,
  errors,
  question,
  occupations,
}: {
  values: FormValues;
  errors: Record<string, string>;
  question: string;
  occupations: OccupationPick | undefined;
}): Html {
  const chosen = list(values, 'occupationUris');
  return (
    <section class="kansrijk-stack" aria-labelledby="kop-beroepen">
      <Heading level={2}>
        <span id="kop-beroepen">{question}</span>
      </Heading>
      {chosen.length > 0 ? (
        <Fieldset
          legend="Gekozen beroepen"
          id={fieldId('occupationUris')}
          description="Haal het vinkje weg als een beroep niet past."
          error={errors.occupationUris}
        >
          {chosen.map((uri, index) => (
            <Choice type="checkbox" name="occupationUris" value={uri} id={fieldId(`occupationUris-${index}`)} checked>
              <OccupationLabel hit={occupations?.labels[uri] ?? { label: 'een beroep dat niet meer in de lijst staat', labelLanguage: 'nl' }} />
            </Choice>
          ))}
        </Fieldset>
      ) : (
        <Paragraph>Nog geen beroep gekozen.</Paragraph>
      )}
      <InputField
        name="beroepZoeken"
        id={fieldId('beroepZoeken')}
        type="search"
        label="Zoek een beroep"
        value={text(values, 'beroepZoeken')}
        error={errors.beroepZoeken}
        description="Bijvoorbeeld orderpicker of schoonmaker. Laat je dit leeg, dan zoeken we op het eerste werk hierboven. Wat de kandidaat zelf zei, blijft staan."
      />
      <Button variant="secondary" name="actie" value="zoek-beroep">
        Zoek beroepen
      </Button>
      {occupations?.notice ? (
        <Alert type="warning">
          <Paragraph>{occupations.notice}</Paragraph>
        </Alert>
      ) : null}
      {occupations?.hits ? (
        <OccupationChoices
          name="beroep"
          legend="Welk beroep past bij de werkwens?"
          id={fieldId('beroep')}
          hits={occupations.hits}
          chosen={undefined}
          button={{ name: 'actie', value: 'kies-beroep', label: 'Kies dit beroep' }}
        />
      ) : null}
    </section>
  );
}

const scoreStep = (): Step => ({
  toForm: (value) => {
    const answer = (value ?? {}) as { score?: number; evidence?: string };
    return { score: str(answer.score), evidence: str(answer.evidence) };
  },
  read: (form) => ({ value: { score: number(text(form, 'score')), evidence: text(form, 'evidence') }, nameOf: (path) => String(path[0] ?? 'score') }),
  Fields: ({ values, errors, questions }) => (
    <div class="kansrijk-stack">
      <ChoiceGroup
        name="score"
        idPrefix={fieldId('score')}
        legend={questions.score ?? 'Score'}
        options={optionsOf(SCORE_LABELS)}
        chosen={list(values, 'score')}
        error={errors.score}
      />
      <TextareaField
        name="evidence"
        id={fieldId('evidence')}
        label={questions.evidence ?? 'Waarop baseer je dat?'}
        value={text(values, 'evidence')}
        error={errors.evidence}
        description="Schrijf op wat je zag of hoorde."
      />
    </div>
  ),
});

const STEPS: Record<string, Step> = {
  workWishes: {
    toForm: (value) => {
      const wishes = (value ?? {}) as { titles?: string[]; sectors?: string[]; notes?: string; occupationUris?: string[] };
      return { titles: (wishes.titles ?? []).join('\n'), sectors: wishes.sectors ?? [], notes: str(wishes.notes), occupationUris: wishes.occupationUris ?? [] };
    },
    read: (form) => ({
      value: {
        titles: lines(text(form, 'titles')),
        sectors: list(form, 'sectors'),
        notes: optionalText(text(form, 'notes')),
        occupationUris: chosenOccupations(form),
      },
      nameOf: (path) => String(path[0] ?? 'titles'),
    }),
    Fields: ({ values, errors, questions, occupations }) => (
      <div class="kansrijk-stack">
        <TextareaField
          name="titles"
          id={fieldId('titles')}
          label={questions.titles ?? 'Werk'}
          value={text(values, 'titles')}
          error={errors.titles}
          description="Eén per regel, in eigen woorden."
        />
        <OccupationFields values={values} errors={errors} question={questions.occupationUris ?? 'Beroepen'} occupations={occupations} />
        <ChoiceGroup
          name="sectors"
          type="checkbox"
          idPrefix={fieldId('sectors')}
          legend={questions.sectors ?? 'Sectoren'}
          options={optionsOf(SECTOR_LABELS, SECTORS)}
          chosen={list(values, 'sectors')}
          error={errors.sectors}
        />
        <TextareaField
          name="notes"
          id={fieldId('notes')}
          label={questions.notes ?? 'Energie'}
          value={text(values, 'notes')}
          error={errors.notes}
          description="Mag leeg blijven."
        />
      </div>
    ),
  },

  experience: {
    toForm: (value) => {
      const form: FormValues = {};
      ((value ?? []) as Array<{ kind: string; title: string; months?: number; description?: string }>).forEach((row, index) => {
        form[`${index}.kind`] = row.kind;
        form[`${index}.title`] = row.title;
        form[`${index}.months`] = str(row.months);
        form[`${index}.description`] = str(row.description);
      });
      return form;
    },
    read: (form) => {
      const rows: number[] = [];
      const value: unknown[] = [];
      for (let row = 0; row < 30; row += 1) {
        const [kind, title, months, description] = ['kind', 'title', 'months', 'description'].map((field) => text(form, `${row}.${field}`)) as [
          string,
          string,
          string,
          string,
        ];
        if (!kind && !title && !months && !description) continue;
        rows.push(row);
        value.push({ kind: optionalText(kind), title, months: number(months), description: optionalText(description) });
      }
      return { value, nameOf: rowPaths(rows, 'title') };
    },
    Fields: ({ values, errors }) => (
      <div class="kansrijk-stack">
        <Paragraph>Laat een rij leeg als je hem niet nodig hebt. Na opslaan komen er nieuwe lege rijen bij.</Paragraph>
        {rowsOf(rowCount(values, 'title', 2, 30)).map((row) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Ervaring {row + 1}</legend>
            <SelectField
              name={`${row}.kind`}
              id={fieldId(`${row}.kind`)}
              label="Soort ervaring"
              options={optionsOf(EXPERIENCE_LABELS, EXPERIENCE_KINDS)}
              value={text(values, `${row}.kind`)}
              empty="Kies de soort"
              error={errors[`${row}.kind`]}
            />
            <InputField
              name={`${row}.title`}
              id={fieldId(`${row}.title`)}
              label="Wat deed je?"
              value={text(values, `${row}.title`)}
              error={errors[`${row}.title`]}
            />
            <InputField
              name={`${row}.months`}
              id={fieldId(`${row}.months`)}
              label="Hoeveel maanden? (mag leeg)"
              value={text(values, `${row}.months`)}
              error={errors[`${row}.months`]}
              inputmode="numeric"
            />
            <TextareaField
              name={`${row}.description`}
              id={fieldId(`${row}.description`)}
              label="Toelichting (mag leeg)"
              rows={2}
              value={text(values, `${row}.description`)}
              error={errors[`${row}.description`]}
            />
          </fieldset>
        ))}
      </div>
    ),
  },

  competencies: {
    toForm: (value) => {
      const form: FormValues = {};
      ((value ?? []) as Array<{ label: string; level: number; evidence: string; skillUri?: string; note?: string; keptFree?: boolean }>).forEach(
        (row, index) => {
          form[`${index}.label`] = row.label;
          form[`${index}.level`] = str(row.level);
          form[`${index}.evidence`] = row.evidence;
          form[`${index}.skillUri`] = str(row.skillUri);
          form[`${index}.note`] = str(row.note);
          form[`${index}.keptFree`] = row.keptFree ? 'true' : '';
        },
      );
      return form;
    },
    read: (form) => {
      const rows: number[] = [];
      const value: unknown[] = [];
      for (let row = 0; row < 60; row += 1) {
        const [label, level, evidence, skillUri, note] = ['label', 'level', 'evidence', 'skillUri', 'note'].map((field) => text(form, `${row}.${field}`)) as [
          string,
          string,
          string,
          string,
          string,
        ];
        if (!label && !level && !evidence) continue;
        rows.push(row);
        value.push({
          label,
          level: number(level),
          evidence: optionalText(evidence),
          skillUri: optionalText(skillUri),
          note: optionalText(note),
          keptFree: text(form, `${row}.keptFree`) === 'true' ? true : undefined,
        });
      }
      return { value, nameOf: rowPaths(rows, 'label') };
    },
    Fields: ({ values, errors, questions }) => (
      <div class="kansrijk-stack">
        <Paragraph>{questions.competencies ?? ''} Laat een rij leeg als je hem niet nodig hebt.</Paragraph>
        {rowsOf(rowCount(values, 'label', 3, 60)).map((row) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Vaardigheid {row + 1}</legend>
            {text(values, `${row}.skillUri`) ? <input type="hidden" name={`${row}.skillUri`} value={text(values, `${row}.skillUri`)} /> : null}
            {text(values, `${row}.note`) ? <input type="hidden" name={`${row}.note`} value={text(values, `${row}.note`)} /> : null}
            {text(values, `${row}.keptFree`) ? <input type="hidden" name={`${row}.keptFree`} value="true" /> : null}
            <InputField
              name={`${row}.label`}
              id={fieldId(`${row}.label`)}
              label="Wat kan de kandidaat?"
              value={text(values, `${row}.label`)}
              error={errors[`${row}.label`]}
            />
            <SelectField
              name={`${row}.level`}
              id={fieldId(`${row}.level`)}
              label="Hoe goed?"
              options={optionsOf(LEVEL_LABELS as Record<string, string>)}
              value={text(values, `${row}.level`)}
              empty="Kies het niveau"
              error={errors[`${row}.level`]}
            />
            <SelectField
              name={`${row}.evidence`}
              id={fieldId(`${row}.evidence`)}
              label="Hoe weten we dat?"
              options={optionsOf(EVIDENCE_LABELS, EVIDENCE_KINDS)}
              value={text(values, `${row}.evidence`)}
              empty="Kies het bewijs"
              error={errors[`${row}.evidence`]}
            />
          </fieldset>
        ))}
      </div>
    ),
  },

  availability: {
    toForm: (value) => {
      const answer = (value ?? {}) as { grid?: Record<string, string[]>; hoursNow?: number; hoursTarget?: number; rampUpPlan?: number[] };
      const form: FormValues = { hoursNow: str(answer.hoursNow), hoursTarget: str(answer.hoursTarget), rampUpPlan: (answer.rampUpPlan ?? []).join(', ') };
      for (const day of WEEKDAYS) form[`grid.${day}`] = answer.grid?.[day] ?? [];
      return form;
    },
    read: (form) => {
      const ramp = text(form, 'rampUpPlan');
      return {
        value: {
          grid: Object.fromEntries(WEEKDAYS.map((day) => [day, list(form, `grid.${day}`)])),
          hoursNow: number(text(form, 'hoursNow')),
          hoursTarget: number(text(form, 'hoursTarget')),
          rampUpPlan:
            ramp === ''
              ? []
              : ramp
                  .split(/[\s,;]+/)
                  .filter(Boolean)
                  .map((step) => number(step)),
        },
        nameOf: (path) => (path[0] === 'grid' ? `grid.${String(path[1] ?? 'mon')}` : String(path[0] ?? 'hoursNow')),
      };
    },
    Fields: ({ values, errors, questions }) => (
      <div class="kansrijk-stack">
        <Paragraph>{questions.grid ?? ''}</Paragraph>
        <div class="kansrijk-facets">
          {WEEKDAYS.map((day) => (
            <ChoiceGroup
              name={`grid.${day}`}
              type="checkbox"
              idPrefix={fieldId(`grid.${day}`)}
              legend={WEEKDAY_LABELS[day]}
              options={optionsOf(DAY_PART_LABELS, DAY_PARTS)}
              chosen={list(values, `grid.${day}`)}
              error={errors[`grid.${day}`]}
            />
          ))}
        </div>
        <InputField
          name="hoursNow"
          id={fieldId('hoursNow')}
          label={questions.hoursNow ?? 'Uren nu'}
          value={text(values, 'hoursNow')}
          error={errors.hoursNow}
          inputmode="numeric"
        />
        <InputField
          name="hoursTarget"
          id={fieldId('hoursTarget')}
          label={questions.hoursTarget ?? 'Uren doel'}
          value={text(values, 'hoursTarget')}
          error={errors.hoursTarget}
          inputmode="numeric"
        />
        <InputField
          name="rampUpPlan"
          id={fieldId('rampUpPlan')}
          label={questions.rampUpPlan ?? 'Opbouw'}
          value={text(values, 'rampUpPlan')}
          error={errors.rampUpPlan}
          description="Uren per stap, met komma's ertussen. Mag leeg."
        />
      </div>
    ),
  },

  mobility: {
    toForm: (value) => {
      const answer = (value ?? {}) as { modes?: string[]; drivingLicences?: string[]; maxTravelMinutes?: number; maxTravelKm?: number };
      return { modes: answer.modes ?? [], drivingLicences: answer.drivingLicences ?? [], maxTravel: str(answer.maxTravelMinutes ?? answer.maxTravelKm) };
    },
    read: (form, version) => ({
      value: {
        modes: list(form, 'modes'),
        drivingLicences: list(form, 'drivingLicences'),
        [version === 'v1' ? 'maxTravelKm' : 'maxTravelMinutes']: number(text(form, 'maxTravel')),
      },
      nameOf: (path) => (String(path[0]).startsWith('maxTravel') ? 'maxTravel' : String(path[0] ?? 'modes')),
    }),
    Fields: ({ values, errors, questions, version }) => (
      <div class="kansrijk-stack">
        <ChoiceGroup
          name="modes"
          type="checkbox"
          idPrefix={fieldId('modes')}
          legend={questions.modes ?? 'Vervoer'}
          options={optionsOf(TRAVEL_MODE_LABELS, TRAVEL_MODES)}
          chosen={list(values, 'modes')}
          error={errors.modes}
        />
        <ChoiceGroup
          name="drivingLicences"
          type="checkbox"
          idPrefix={fieldId('drivingLicences')}
          legend={questions.drivingLicences ?? 'Rijbewijzen'}
          options={DRIVING_LICENCE_CATEGORIES.map((category) => ({ value: category, label: category }))}
          chosen={list(values, 'drivingLicences')}
          error={errors.drivingLicences}
        />
        <InputField
          name="maxTravel"
          id={fieldId('maxTravel')}
          label={questions[version === 'v1' ? 'maxTravelKm' : 'maxTravelMinutes'] ?? 'Reistijd'}
          value={text(values, 'maxTravel')}
          error={errors.maxTravel}
          inputmode="numeric"
        />
      </div>
    ),
  },

  motivation: scoreStep(),
  learningAbility: scoreStep(),

  barriers: {
    toForm: (value) => {
      const form: FormValues = {};
      for (const barrier of (value ?? []) as Array<{
        domain: string;
        severity: string;
        solvable: boolean;
        description?: string;
        action?: string;
        actionOwner?: string;
        unlocksMode?: string;
      }>) {
        form[`${barrier.domain}.severity`] = barrier.severity;
        form[`${barrier.domain}.solvable`] = barrier.solvable ? 'yes' : 'no';
        form[`${barrier.domain}.description`] = str(barrier.description);
        form[`${barrier.domain}.action`] = str(barrier.action);
        form[`${barrier.domain}.actionOwner`] = str(barrier.actionOwner);
        form[`${barrier.domain}.unlocksMode`] = str(barrier.unlocksMode);
      }
      return form;
    },
    read: (form, version) => {
      const domains: string[] = [];
      const value: unknown[] = [];
      for (const domain of domainsOf(version)) {
        const severity = text(form, `${domain}.severity`);
        if (severity === '' || severity === 'none') continue;
        domains.push(domain);
        const solvable = text(form, `${domain}.solvable`);
        value.push({
          domain,
          severity,
          solvable: solvable === 'yes' ? true : solvable === 'no' ? false : undefined,
          description: optionalText(text(form, `${domain}.description`)),
          action: optionalText(text(form, `${domain}.action`)),
          actionOwner: optionalText(text(form, `${domain}.actionOwner`)),
          unlocksMode: optionalText(text(form, `${domain}.unlocksMode`)),
        });
      }
      return {
        value,
        nameOf: (path) => {
          const [index, field] = path;
          const domain = typeof index === 'number' ? domains[index] : undefined;
          return domain ? `${domain}.${String(field ?? 'severity')}` : `${domainsOf(version)[0]}.severity`;
        },
      };
    },
    Fields: ({ values, errors, version }) => (
      <div class="kansrijk-stack">
        {domainsOf(version).map((domain) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">{DOMAIN_LABELS[domain] ?? domain}</legend>
            <ChoiceGroup
              name={`${domain}.severity`}
              idPrefix={fieldId(`${domain}.severity`)}
              legend="Hoe zwaar weegt het?"
              options={optionsOf(SEVERITY_LABELS, ['none', ...SEVERITIES])}
              chosen={[text(values, `${domain}.severity`) || 'none']}
              error={errors[`${domain}.severity`]}
            />
            <ChoiceGroup
              name={`${domain}.solvable`}
              idPrefix={fieldId(`${domain}.solvable`)}
              legend="Is het op te lossen met een afspraak?"
              options={[
                { value: 'yes', label: 'ja' },
                { value: 'no', label: 'nee' },
              ]}
              chosen={list(values, `${domain}.solvable`)}
              error={errors[`${domain}.solvable`]}
            />
            <InputField
              name={`${domain}.action`}
              id={fieldId(`${domain}.action`)}
              label="Welke afspraak maken we?"
              value={text(values, `${domain}.action`)}
              error={errors[`${domain}.action`]}
              description="Nodig als het op te lossen is."
            />
            <SelectField
              name={`${domain}.actionOwner`}
              id={fieldId(`${domain}.actionOwner`)}
              label="Wie doet het?"
              options={optionsOf(OWNER_LABELS_STAFF, ACTION_OWNERS)}
              value={text(values, `${domain}.actionOwner`)}
              empty="Nog niet gekozen"
              error={errors[`${domain}.actionOwner`]}
            />
            <SelectField
              name={`${domain}.unlocksMode`}
              id={fieldId(`${domain}.unlocksMode`)}
              label="Welk vervoer kan de kandidaat dan gebruiken?"
              options={optionsOf(TRAVEL_MODE_LABELS, TRAVEL_MODES)}
              value={text(values, `${domain}.unlocksMode`)}
              empty="Geen ander vervoer"
              error={errors[`${domain}.unlocksMode`]}
            />
            <TextareaField
              name={`${domain}.description`}
              id={fieldId(`${domain}.description`)}
              label="Toelichting (mag leeg)"
              rows={2}
              value={text(values, `${domain}.description`)}
              error={errors[`${domain}.description`]}
            />
          </fieldset>
        ))}
      </div>
    ),
  },

  certificates: {
    toForm: (value) => ({ certificates: ((value ?? []) as string[]).join('\n') }),
    read: (form) => ({ value: lines(text(form, 'certificates')), nameOf: () => 'certificates' }),
    Fields: ({ values, errors, questions }) => (
      <TextareaField
        name="certificates"
        id={fieldId('certificates')}
        label={questions.certificates ?? 'Certificaten'}
        value={text(values, 'certificates')}
        error={errors.certificates}
        description="Eén per regel. Mag leeg blijven."
      />
    ),
  },

  diplomas: {
    toForm: (value) => {
      const answer = (value ?? {}) as { educationLevel?: number; items?: Array<{ name: string; level: number; year?: number }> };
      const form: FormValues = { educationLevel: str(answer.educationLevel) };
      (answer.items ?? []).forEach((item, index) => {
        form[`${index}.name`] = item.name;
        form[`${index}.level`] = str(item.level);
        form[`${index}.year`] = str(item.year);
      });
      return form;
    },
    read: (form) => {
      const rows: number[] = [];
      const items: unknown[] = [];
      for (let row = 0; row < 20; row += 1) {
        const [name, level, year] = ['name', 'level', 'year'].map((field) => text(form, `${row}.${field}`)) as [string, string, string];
        if (!name && !level && !year) continue;
        rows.push(row);
        items.push({ name, level: number(level), year: number(year) });
      }
      const itemPath = rowPaths(rows, 'name');
      return {
        value: { educationLevel: number(text(form, 'educationLevel')), items },
        nameOf: (path) => (path[0] === 'items' ? itemPath(path.slice(1)) : 'educationLevel'),
      };
    },
    Fields: ({ values, errors, questions }) => (
      <div class="kansrijk-stack">
        <SelectField
          name="educationLevel"
          id={fieldId('educationLevel')}
          label={questions.educationLevel ?? 'Opleiding'}
          options={optionsOf(EDUCATION_LABELS)}
          value={text(values, 'educationLevel')}
          empty="Kies de opleiding"
          error={errors.educationLevel}
        />
        {rowsOf(rowCount(values, 'name', 1, 20)).map((row) => (
          <fieldset class="utrecht-form-fieldset">
            <legend class="utrecht-form-fieldset__legend">Diploma {row + 1} (mag leeg)</legend>
            <InputField
              name={`${row}.name`}
              id={fieldId(`${row}.name`)}
              label="Naam van het diploma"
              value={text(values, `${row}.name`)}
              error={errors[`${row}.name`]}
            />
            <SelectField
              name={`${row}.level`}
              id={fieldId(`${row}.level`)}
              label="Niveau"
              options={optionsOf(EDUCATION_LABELS)}
              value={text(values, `${row}.level`)}
              empty="Kies het niveau"
              error={errors[`${row}.level`]}
            />
            <InputField
              name={`${row}.year`}
              id={fieldId(`${row}.year`)}
              label="Jaar (mag leeg)"
              value={text(values, `${row}.year`)}
              error={errors[`${row}.year`]}
              inputmode="numeric"
            />
          </fieldset>
        ))}
      </div>
    ),
  },
};

function domainsOf(version: QuestionnaireVersion): readonly string[] {
  return version === 'v1' ? LIFE_DOMAINS.filter((domain) => domain !== 'digital_skills') : LIFE_DOMAINS;
}

/** The steps of a questionnaire version, in its order (one per section). */
export function intakeSteps(version: QuestionnaireVersion) {
  return questionnaire(version, 'nl').sections;
}

/** The value at a path inside what a step read from its form. */
function valueAt(value: unknown, path: PropertyKey[]): unknown {
  return path.reduce<unknown>(
    (current, key) => (current !== null && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[key] : undefined),
    value,
  );
}

/**
 * Field errors of a step's parse, by the name of the form field each belongs to, in plain Dutch.
 * A missing answer says "fill in"; text where a number belongs says so (zod does not keep the input).
 */
export function stepErrors(error: z.ZodError, value: unknown, nameOf: (path: PropertyKey[]) => string): Record<string, string> {
  const byPath = fieldErrors(error);
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const name = nameOf(issue.path);
    if (errors[name]) continue;
    if (issue.code === 'invalid_type') {
      const given = valueAt(value, issue.path);
      errors[name] =
        given === undefined
          ? 'Vul dit in of kies er een.'
          : issue.expected === 'number' || issue.expected === 'int'
            ? 'Vul een getal in, bijvoorbeeld 16.'
            : 'Kies een van de mogelijkheden.';
      continue;
    }
    errors[name] = byPath[issue.path.map(String).join('.')] ?? 'Dit klopt niet.';
  }
  return errors;
}

/** "Stap 2 van 10" with a progress bar that screen readers read as that sentence. */
function Progress({ step, total }: { step: number; total: number }): Html {
  return (
    <p class="utrecht-paragraph kansrijk-progress">
      <strong>
        Stap {step} van {total}
      </strong>
      <progress max={String(total)} value={String(step)} aria-label={`Stap ${step} van ${total}`}></progress>
    </p>
  );
}

export async function intakePages(app: FastifyInstance, { db, services }: Deps) {
  const stepParams = z.object({ id: z.uuid(), step: z.coerce.number().int().min(1).max(20) });
  const idParams = z.object({ id: z.uuid() });
  // Field names depend on the step; each step reads what it needs. The CSRF token is checked before this.
  const stepBody = z.object({ _csrf: z.string() }).catchall(z.union([z.string().max(5000), z.array(z.string().max(5000)).max(100)]));

  const base = (id: string) => `/werkplek/kandidaten/${id}/intake`;

  async function render(
    ctx: PageContext,
    request: Parameters<typeof apiPrincipalOf>[0],
    id: string,
    number: number,
    form?: { values: FormValues; errors: Record<string, string>; hits?: OccupationHit[]; notice?: string },
  ) {
    const principal = apiPrincipalOf(request);
    const candidate = await services.candidates.get(principal, id);
    const draft = await db.transaction((tx) => services.candidates.getIntakeDraft({ tx, principal, id, withBarriers: true }));
    const version = draft?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION;
    const sections = intakeSteps(version);
    const section = sections[number - 1];
    if (!section) throw new ProblemError(candidateProblems.intake_not_found);
    const step = STEPS[section.key]!;
    // A step not saved yet starts from the last intake's answer (same questionnaire version), to check and save.
    const saved = draft?.answered.includes(section.key) ? (draft.answers as Record<string, unknown>)[section.key] : undefined;
    const previous = form || saved !== undefined ? undefined : await previousAnswer(principal, id, version, section.key);
    const values = form?.values ?? step.toForm(saved ?? previous);
    const errors = form?.errors ?? {};
    const questions = Object.fromEntries(section.questions.map((question) => [question.key, question.text]));
    const occupations =
      section.key === 'workWishes'
        ? { labels: await occupationLabels(services.taxonomy, principal.tenantId, list(values, 'occupationUris')), hits: form?.hits, notice: form?.notice }
        : undefined;
    const title = `Intake ${candidate.name}: ${section.title}`;
    const fields = <step.Fields values={values} errors={errors} version={version} questions={questions} occupations={occupations} />;
    return (
      <WerkplekPage ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Fout: ' : ''}${title}`}>
        <Paragraph>
          <Link href={`/werkplek/kandidaten/${id}`}>Terug naar {candidate.name}</Link>
        </Paragraph>
        <Progress step={number} total={sections.length} />
        <Heading>{section.title}</Heading>
        <Paragraph lead>{section.intro}</Paragraph>
        {previous !== undefined ? <Paragraph>De antwoorden hieronder komen uit de vorige intake. Kijk ze na met de kandidaat en sla ze op.</Paragraph> : null}
        <ErrorSummary
          errors={errors}
          names={Object.fromEntries(Object.keys(errors).map((name) => [name, fieldName(section.key, name)]))}
          hrefOf={(name) => `#${fieldId(name)}${firstOptionOf(name)}`}
          form={fields}
        />
        <PostForm ctx={ctx} action={`${base(id)}/${number}`} className="kansrijk-stack kansrijk-narrow">
          {fields}
          <div class="kansrijk-actions">
            <Button>{number < sections.length ? 'Opslaan en volgende stap' : 'Opslaan en controleren'}</Button>
          </div>
        </PostForm>
        <Paragraph>
          {number > 1 ? <Link href={`${base(id)}/${number - 1}`}>Vorige stap: {sections[number - 2]!.title}</Link> : null}
          {number > 1 ? ' · ' : ''}
          <Link href={`${base(id)}/afronden`}>Overzicht van alle stappen</Link>
        </Paragraph>
        <Paragraph>Wat je opslaat blijft bewaard. Je kunt later verder.</Paragraph>
      </WerkplekPage>
    );
  }

  /** The labels of chosen occupations, from the taxonomy (one that is no longer in it gets none). */
  /** The answer to a section in the person's last intake, when it used the same questionnaire version (a barrier read is logged by the service). */
  async function previousAnswer(principal: ReturnType<typeof apiPrincipalOf>, id: string, version: QuestionnaireVersion, section: string): Promise<unknown> {
    const [latest] = await services.candidates.listIntakes(principal, id);
    if (!latest || latest.questionnaireVersion !== version) return undefined;
    const intake = await db.transaction((tx) => services.candidates.getIntake({ tx, principal, id, intakeId: latest.id }));
    return intake.answers[section] ?? undefined;
  }

  app.get('/kandidaten/:id/intake', pageRoute({ access: access.caseworkers, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const principal = apiPrincipalOf(request);
    const draft = await db.transaction((tx) => services.candidates.getIntakeDraft({ tx, principal, id }));
    const sections = intakeSteps(draft?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION);
    const next = sections.findIndex((section) => !draft?.answered.includes(section.key));
    return reply.redirect(next === -1 ? `${base(id)}/afronden` : `${base(id)}/${next + 1}`, 303);
  });

  app.get('/kandidaten/:id/intake/afronden', pageRoute({ access: access.caseworkers, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    return reply.html(await overview(pageOf(request), request, id));
  });

  async function overview(ctx: PageContext, request: Parameters<typeof apiPrincipalOf>[0], id: string, missing: string[] = []) {
    const principal = apiPrincipalOf(request);
    const candidate = await services.candidates.get(principal, id);
    const draft = await db.transaction((tx) => services.candidates.getIntakeDraft({ tx, principal, id }));
    const sections = intakeSteps(draft?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION);
    const errors = Object.fromEntries(missing.map((key) => [key, `Deze stap is nog niet ingevuld.`]));
    const names = Object.fromEntries(sections.map((section) => [section.key, section.title]));
    return (
      <WerkplekPage ctx={ctx} title={`${missing.length > 0 ? 'Fout: ' : ''}Intake ${candidate.name}: controleren en afronden`}>
        <Paragraph>
          <Link href={`/werkplek/kandidaten/${id}`}>Terug naar {candidate.name}</Link>
        </Paragraph>
        <Heading>Intake {candidate.name}: controleren en afronden</Heading>
        <ErrorSummary errors={errors} names={names} hrefOf={(key) => `#stap-${key}`} />
        <Paragraph>
          Vragenlijst {draft?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION}. Als je afrondt, maken we het profiel opnieuw uit deze antwoorden.
        </Paragraph>
        <ol class="utrecht-ordered-list">
          {sections.map((section, index) => (
            <li class="utrecht-ordered-list__item" id={`stap-${section.key}`}>
              <Link href={`${base(id)}/${index + 1}`}>{section.title}</Link>: {draft?.answered.includes(section.key) ? 'ingevuld' : 'nog niet ingevuld'}
            </li>
          ))}
        </ol>
        <PostForm ctx={ctx} action={`${base(id)}/afronden`}>
          <Button>Intake afronden</Button>
        </PostForm>
      </WerkplekPage>
    );
  }

  app.post(
    '/kandidaten/:id/intake/afronden',
    pageRoute({ access: access.caseworkers, params: idParams, body: z.object({ _csrf: z.string() }) }),
    async (request, reply) => {
      const { id } = request.params as z.infer<typeof idParams>;
      const principal = apiPrincipalOf(request);
      const draft = await db.transaction((tx) => services.candidates.getIntakeDraft({ tx, principal, id }));
      const sections = intakeSteps(draft?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION);
      const missing = sections.map((section) => section.key).filter((key) => !draft?.answered.includes(key));
      if (missing.length > 0) return reply.html(await overview(pageOf(request), request, id, missing), 422);
      await db.transaction((tx) => services.candidates.finishIntakeDraft({ tx, principal, id }));
      return reply.redirect(`/werkplek/kandidaten/${id}?intake=klaar#kop-profiel`, 303);
    },
  );

  app.get('/kandidaten/:id/intake/:step', pageRoute({ access: access.caseworkers, params: stepParams }), async (request, reply) => {
    const { id, step } = request.params as z.infer<typeof stepParams>;
    return reply.html(await render(pageOf(request), request, id, step));
  });

  app.post('/kandidaten/:id/intake/:step', pageRoute({ access: access.caseworkers, params: stepParams, body: stepBody }), async (request, reply) => {
    const { id, step: number } = request.params as z.infer<typeof stepParams>;
    const { _csrf, ...form } = request.body as z.infer<typeof stepBody>;
    const principal = apiPrincipalOf(request);
    const draft = await db.transaction((tx) => services.candidates.getIntakeDraft({ tx, principal, id }));
    const version = draft?.questionnaireVersion ?? CURRENT_QUESTIONNAIRE_VERSION;
    const sections = intakeSteps(version);
    const section = sections[number - 1];
    if (!section) throw new ProblemError(candidateProblems.intake_not_found);
    const actie = text(form, 'actie');
    if (section.key === 'workWishes' && (OCCUPATION_ACTIONS as readonly string[]).includes(actie)) {
      // Search or pick an occupation: the step comes back as typed, nothing saved yet.
      const values: FormValues = { ...form, occupationUris: chosenOccupations(form), beroep: undefined, actie: undefined };
      if (actie === 'kies-beroep') return reply.html(await render(pageOf(request), request, id, number, { values, errors: {} }));
      const q = text(form, 'beroepZoeken') || (lines(text(form, 'titles'))[0] ?? '');
      if (!q) {
        const errors = { beroepZoeken: 'Vul in welk werk je zoekt, bijvoorbeeld orderpicker.' };
        return reply.html(await render(pageOf(request), request, id, number, { values, errors }), 422);
      }
      const found = await lookUpOccupations(services.taxonomy, q.slice(0, 100), OCCUPATION_SUGGESTIONS);
      const lookup =
        'hits' in found
          ? { hits: found.hits }
          : {
              notice:
                found.problem === 'none'
                  ? `Bij "${q}" vonden we geen beroep. Probeer een ander woord, of ga verder zonder beroep.`
                  : 'Beroepen zoeken lukt nu even niet. Je kunt deze stap ook zonder beroep opslaan.',
            };
      return reply.html(await render(pageOf(request), request, id, number, { values: { ...values, beroepZoeken: q }, errors: {}, ...lookup }));
    }
    const { value, nameOf } = STEPS[section.key]!.read(form, version);
    const parsed = sectionSchema(version, section.key)!.safeParse(value);
    if (!parsed.success)
      return reply.html(await render(pageOf(request), request, id, number, { values: form, errors: stepErrors(parsed.error, value, nameOf) }), 422);
    await db.transaction((tx) => services.candidates.saveIntakeDraftSection({ tx, principal, id, section: section.key, value }));
    return reply.redirect(number < sections.length ? `${base(id)}/${number + 1}` : `${base(id)}/afronden`, 303);
  });
}

const FIELD_NAMES: Record<string, string> = {
  titles: 'Werk',
  occupationUris: 'Gekozen beroepen',
  beroepZoeken: 'Zoek een beroep',
  sectors: 'Sectoren',
  notes: 'Energie',
  kind: 'Soort ervaring',
  title: 'Wat deed je',
  months: 'Maanden',
  description: 'Toelichting',
  label: 'Wat kan de kandidaat',
  level: 'Niveau',
  evidence: 'Bewijs',
  hoursNow: 'Uren nu',
  hoursTarget: 'Uren later',
  rampUpPlan: 'Opbouw',
  modes: 'Vervoer',
  drivingLicences: 'Rijbewijzen',
  maxTravel: 'Reizen',
  score: 'Score',
  severity: 'Hoe zwaar',
  solvable: 'Op te lossen',
  action: 'Afspraak',
  actionOwner: 'Wie doet het',
  unlocksMode: 'Vervoer erbij',
  certificates: 'Certificaten',
  educationLevel: 'Opleiding',
  name: 'Naam van het diploma',
  year: 'Jaar',
};
const ROW_NOUNS: Record<string, string> = { experience: 'Ervaring', competencies: 'Vaardigheid', diplomas: 'Diploma' };

/** The name of a form field as the summary says it: "Ervaring 2, Wat deed je", "gezondheid, Afspraak". */
function fieldName(section: string, name: string): string {
  const parts = name.split('.');
  const last = parts.at(-1) ?? name;
  const field =
    section === 'motivation' || section === 'learningAbility' ? (last === 'evidence' ? 'Waarop baseer je dat' : 'Score') : (FIELD_NAMES[last] ?? last);
  if (parts.length < 2) return field;
  const [first] = parts as [string];
  if (first === 'grid') return WEEKDAY_LABELS[last as keyof typeof WEEKDAY_LABELS] ?? last;
  if (/^\d+$/.test(first)) return `${ROW_NOUNS[section] ?? 'Rij'} ${Number(first) + 1}, ${field}`;
  return `${DOMAIN_LABELS[first] ?? first}, ${field}`;
}

/** Fields shown as a group of radio buttons or checkboxes: the summary links to their first option ("-1"), the rest to the field. */
function firstOptionOf(name: string): string {
  const last = name.split('.').pop() ?? '';
  const first: Record<string, string> = {
    score: '1',
    sectors: SECTORS[0],
    modes: TRAVEL_MODES[0],
    drivingLicences: DRIVING_LICENCE_CATEGORIES[0],
    severity: 'none',
    solvable: 'yes',
  };
  if (name.startsWith('grid.')) return `-${DAY_PARTS[0]}`;
  return first[last] ? `-${first[last]}` : '';
}

const ASSESSMENT_KIND_LABELS: Record<string, string> = { motivation: 'Motivatie', potential: 'Leervermogen' };
const ASSESSMENT_NAMES: Record<string, string> = { kind: 'Wat beoordeel je', score: 'Score', evidence: 'Waarop baseer je dat' };

/** The form to record an evidenced assessment of motivation or learning ability (as POST /v1/candidates/:id/assessments). */
export function AssessmentForm({
  ctx,
  candidateId,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  candidateId: string;
  values?: FormValues;
  errors?: Record<string, string>;
}): Html {
  return (
    <div class="kansrijk-stack">
      <ErrorSummary
        errors={errors}
        names={ASSESSMENT_NAMES}
        hrefOf={(name) => `#${fieldId(`beoordeling-${name}`)}${name === 'kind' ? '-motivation' : name === 'score' ? '-1' : ''}`}
      />
      <PostForm ctx={ctx} action={`/werkplek/kandidaten/${candidateId}/beoordelingen`} className="kansrijk-stack kansrijk-narrow">
        <ChoiceGroup
          name="kind"
          idPrefix={fieldId('beoordeling-kind')}
          legend="Wat beoordeel je?"
          options={optionsOf(ASSESSMENT_KIND_LABELS)}
          chosen={list(values, 'kind')}
          error={errors.kind}
        />
        <ChoiceGroup
          name="score"
          idPrefix={fieldId('beoordeling-score')}
          legend="Score"
          options={optionsOf(SCORE_LABELS)}
          chosen={list(values, 'score')}
          error={errors.score}
          description="1 is laag, 5 is hoog."
        />
        <TextareaField
          name="evidence"
          id={fieldId('beoordeling-evidence')}
          label="Waarop baseer je dat?"
          value={text(values, 'evidence')}
          error={errors.evidence}
          description="Schrijf op wat je zag of hoorde, bijvoorbeeld op een proefdag."
        />
        <Button>Beoordeling opslaan</Button>
      </PostForm>
    </div>
  );
}

export async function assessmentPages(app: FastifyInstance, { db, services }: Deps) {
  const idParams = z.object({ id: z.uuid() });
  const body = z.object({
    _csrf: z.string(),
    kind: z.string().max(50).optional(),
    score: z.string().max(10).optional(),
    evidence: z.string().max(5000).optional(),
  });
  app.post('/kandidaten/:id/beoordelingen', pageRoute({ access: access.caseworkers, params: idParams, body }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const { _csrf, ...values } = request.body as z.infer<typeof body>;
    const principal = apiPrincipalOf(request);
    const candidate = await services.candidates.get(principal, id);
    const parsed = createAssessmentBodySchema.safeParse({
      kind: values.kind || undefined,
      score: number(values.score?.trim() ?? ''),
      evidence: values.evidence?.trim() ?? '',
    });
    if (!parsed.success) {
      const ctx = pageOf(request);
      return reply.html(
        <WerkplekPage ctx={ctx} title={`Fout: beoordeling van ${candidate.name}`}>
          <Paragraph>
            <Link href={`/werkplek/kandidaten/${id}`}>Terug naar {candidate.name}</Link>
          </Paragraph>
          <Heading>Motivatie of leervermogen van {candidate.name}</Heading>
          <AssessmentForm ctx={ctx} candidateId={id} values={values} errors={fieldErrors(parsed.error)} />
        </WerkplekPage>,
        422,
      );
    }
    await db.transaction((tx) => services.candidates.addAssessment({ tx, principal, id, body: parsed.data }));
    return reply.redirect(`/werkplek/kandidaten/${id}#kop-beoordelingen`, 303);
  });
}
