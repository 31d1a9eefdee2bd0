import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import t from 'tap';
import { SECTORS } from '../../src/employers/employers.schemas.js';
import { dutchValidationMessage, validationMessages } from '../../src/schemas/messages.js';
import { matchCandidate } from '../../src/matching/matcher.js';
import { FACTOR_NAME, sectorName, seedsRuleWarning, weightProblemText } from '../../src/matching/matcher.messages.js';
import { FACTORS } from '../../src/matching/matcher.types.js';
import { generateCandidates, generateVacancies, syntheticSkillGraph } from '../../bench/synthetic.js';
import { englishIn } from '../support/dutch.js';
import { calculateIncome, type Household } from '../../src/rekentool/rekentool.calculate.js';
import { DEFAULT_VERSIONED_RULE_SETS } from '../../src/rekentool/rekentool.defaults.js';

/*
 * REQUIREMENTS U2: what people read in Dutch has no English in it. Scans every Dutch text the
 * service can produce from its catalogues, whoever wrote them: the problem catalogues of every
 * domain (titles and details), the validation messages (our own rules and zod's issues), and the
 * matcher's explanations over a synthetic population. Technical tokens people must type (a quoted
 * value, a field path like pitch.strengths, a header, a MIME type) are not words and are skipped.
 */

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** Values for message templates: realistic codes where a template maps them to words, else a number. */
const sampleValues = new Proxy(
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- tsc needs it (it fails without; the rule misreads this type)
  {
    dayPart: 'early',
    system: '3-shift',
    missing: 'late, night',
    start: '07:00',
    status: 'paused',
    problemsNl: 'De gewichten tellen samen op tot 1,5.',
  } as Record<string, string>,
  { get: (known, key) => (typeof key === 'string' && key in known ? known[key] : '12') },
);

async function sourceFiles(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith('.ts')) found.push(full);
  }
  return found;
}

type Spec = { code: string; title: { nl: string }; detail?: { nl: (values: Record<string, string>) => string } };
const isSpec = (value: unknown): value is Spec =>
  typeof value === 'object' && value !== null && 'code' in value && 'title' in value && typeof (value as Spec).title?.nl === 'string';

/** Every Dutch problem text of every module that declares problems. */
async function problemTexts(): Promise<Array<{ where: string; text: string }>> {
  const texts: Array<{ where: string; text: string }> = [];
  for (const file of await sourceFiles(SRC)) {
    if (!(await readFile(file, 'utf8')).includes('defineProblems(')) continue;
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const exported of Object.values(module)) {
      if (typeof exported !== 'object' || exported === null) continue;
      for (const spec of Object.values(exported)) {
        if (!isSpec(spec)) continue;
        texts.push({ where: `${spec.code} title`, text: spec.title.nl });
        if (spec.detail) texts.push({ where: `${spec.code} detail`, text: spec.detail.nl(sampleValues) });
      }
    }
  }
  return texts;
}

t.test('the scanner finds English words and leaves technical tokens alone', async (t) => {
  t.same(englishIn('Controleer de gewichten: the weights sum to 1.5, not 1'), ['the', 'weights', 'sum', 'to', 'not']);
  t.same(englishIn('Te groot: verwacht dat number <= 100 is'), ['number']);
  t.same(englishIn('Wil graag werken in deze sector (logistics)'), ['logistics']);
  t.same(englishIn('Kijk bij "errors" welke. Stuur JSON met Content-Type application/json en pitch.strengths (npm run geo:import).'), []);
});

t.test('problem catalogues: every Dutch title and detail', async (t) => {
  const texts = await problemTexts();
  t.ok(texts.length > 80, `${texts.length} texts from the catalogues`);
  for (const { where, text } of texts) t.same(englishIn(text), [], `${where}: ${text}`);
});

t.test('validation messages: our own rules and zod’s issues', async (t) => {
  for (const [key, message] of Object.entries(validationMessages)) {
    const text = message.nl(sampleValues);
    t.same(englishIn(text), [], `${key}: ${text}`);
  }
  const issues = [
    { code: 'invalid_type', expected: 'number', input: 'x' },
    { code: 'invalid_type', expected: 'string' },
    { code: 'too_big', origin: 'number', maximum: 100, inclusive: true },
    { code: 'too_big', origin: 'string', maximum: 200, inclusive: true },
    { code: 'too_big', origin: 'array', maximum: 40, inclusive: true },
    { code: 'too_small', origin: 'number', minimum: 0, inclusive: true },
    { code: 'too_small', origin: 'string', minimum: 1, inclusive: true },
    { code: 'invalid_format', format: 'email' },
    { code: 'invalid_format', format: 'uuid' },
    { code: 'invalid_value', values: ['must', 'should', 'trainable'] },
    { code: 'unrecognized_keys', keys: ['age'] },
    { code: 'invalid_union' },
  ];
  // The allowed values of an enum are codes people type: quoted, so not words of the sentence.
  for (const issue of issues) t.same(englishIn(dutchValidationMessage(issue)), [], `${issue.code}: ${dutchValidationMessage(issue)}`);
  t.equal(dutchValidationMessage({ code: 'too_big', origin: 'number', maximum: 100, inclusive: true }), 'Dit getal mag hoogstens 100 zijn.');
  t.equal(dutchValidationMessage({ code: 'invalid_value', values: ['must', 'should'] }), 'Kies een van deze waarden: "must", "should".');
  // The adjective as the noun wants it: het e-mailadres, de datum.
  t.equal(dutchValidationMessage({ code: 'invalid_format', format: 'email' }), 'Dit is geen geldig e-mailadres.');
  t.equal(dutchValidationMessage({ code: 'invalid_format', format: 'date' }), 'Dit is geen geldige datum (JJJJ-MM-DD).');
  t.equal(dutchValidationMessage({ code: 'invalid_format', format: 'time' }), 'Dit is geen geldige tijd (UU:MM).');
});

t.test('the matcher’s explanations, over a synthetic population', async (t) => {
  const candidates = generateCandidates({ size: 400, seed: 7 });
  const vacancies = generateVacancies({ count: 30, seed: 7 });
  const seen = new Set<string>();
  for (const vacancy of vacancies) {
    for (const candidate of candidates) {
      const result = matchCandidate(vacancy, candidate, { skills: syntheticSkillGraph });
      for (const text of [
        ...result.reasons,
        ...result.improvements,
        ...result.exclusions.map((exclusion) => exclusion.reason),
        ...result.conditions.map((condition) => condition.action),
      ]) {
        seen.add(text);
      }
    }
  }
  t.ok(seen.size > 200, `${seen.size} distinct texts`);
  let english = 0;
  for (const text of seen) {
    if (englishIn(text).length === 0) continue;
    english += 1;
    t.fail(`English in: ${text}`);
  }
  t.equal(english, 0);
  for (const sector of SECTORS) t.same(englishIn(sectorName(sector, 'nl')), [], `sector ${sector}`);
  for (const factor of FACTORS) t.same(englishIn(FACTOR_NAME[factor].nl), [], `factor ${factor}`);
  for (const problem of [
    { code: 'not_a_weight', factor: 'workWishes' },
    { code: 'unknown_factor', factor: 'leeftijd' },
    { code: 'sum_not_one', sum: 1.5 },
  ] as const) {
    t.same(englishIn(weightProblemText(problem, 'nl')), [], problem.code);
  }
  t.same(englishIn(seedsRuleWarning.nl), []);
});

t.test('the rekentool’s conclusions, assumptions and what it leaves out', async (t) => {
  const households: Household[] = [
    { situation: 'single', costSharers: 0, ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 0 },
    { situation: 'single_parent', costSharers: 1, ageGroup: '21_to_26', partnerNetMonthlyIncome: 0 },
    { situation: 'partners', costSharers: 0, ageGroup: '27_to_pension_age', partnerNetMonthlyIncome: 600 },
  ];
  const seen = new Set<string>();
  for (const household of households) {
    for (const hours of [0, 8, 16, 32]) {
      for (const monthlyWorkCosts of [0, 80]) {
        const result = calculateIncome({
          household,
          offer: {
            startDate: '2026-03-16',
            hoursPlan: [{ fromMonth: 1, hoursPerWeek: hours }],
            hourlyWage: hours === 32 ? 16.25 : null,
            contractMonths: hours === 8 ? 6 : null,
            monthlyWorkCosts,
          },
          rulesFor: () => DEFAULT_VERSIONED_RULE_SETS[0]!,
          incomeAllowanceMonthsUsed: hours === 16 ? 2 : 0,
        });
        for (const text of [...result.conclusion, ...result.assumptions, ...result.notIncluded, ...result.povertyTrap.remedies.map((remedy) => remedy.text)])
          seen.add(text);
      }
    }
  }
  t.ok(seen.size > 30, `${seen.size} distinct texts`);
  for (const text of seen) t.same(englishIn(text), [], text);
});
