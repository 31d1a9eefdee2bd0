import type { Lang } from '../schemas/messages.js';
import type { QuestionnaireVersion } from './intake.answers.js';

/*
 * The uniform intake as staff see it: every account manager asks the same questions, in the same
 * order, and diplomas come last. The answer schema of each version (intake.answers.ts) is the
 * contract; this is the text that goes with it.
 */

type Text = Record<Lang, string>;
type Question = { key: string; text: Text; help?: Text };
type Section = { key: string; title: Text; intro: Text; questions: Question[] };

const t = (nl: string, en: string): Text => ({ nl, en });

const workWishes: Section = {
  key: 'workWishes',
  title: t('Werkwensen', 'Work wishes'),
  intro: t('We beginnen bij wat iemand wil en waar iemand energie van krijgt.', 'We start with what the person wants and what gives them energy.'),
  questions: [
    { key: 'titles', text: t('Welk werk zou je graag doen?', 'What work would you like to do?') },
    { key: 'occupationUris', text: t('Welke beroepen passen daarbij? (kies uit de lijst)', 'Which occupations fit? (pick from the list)') },
    { key: 'sectors', text: t('In welke sectoren wil je werken?', 'Which sectors would you like to work in?') },
    { key: 'notes', text: t('Waar krijg je energie van in werk?', 'What gives you energy in work?') },
  ],
};

const experience: Section = {
  key: 'experience',
  title: t('Ervaring', 'Experience'),
  intro: t(
    'Alle ervaring telt: betaald werk, vrijwilligerswerk, mantelzorg en informele hulp.',
    'All experience counts: paid work, volunteering, caring for family and informal help.',
  ),
  questions: [{ key: 'experience', text: t('Wat heb je gedaan, en hoe lang?', 'What have you done, and for how long?') }],
};

const competencies: Section = {
  key: 'competencies',
  title: t('Vaardigheden', 'Competencies'),
  intro: t('Per vaardigheid: hoe goed, en hoe weten we dat?', 'Per competency: how well, and how do we know?'),
  questions: [
    {
      key: 'competencies',
      text: t('Wat kun je? Kies het niveau en het bewijs.', 'What can you do? Choose the level and the evidence.'),
      help: t(
        'Bewijs: zelf verteld, gezien door de klantmanager, werkervaring, vrijwilligerswerk of certificaat.',
        'Evidence: self-reported, observed by staff, work experience, volunteer work or certificate.',
      ),
    },
  ],
};

const availability: Section = {
  key: 'availability',
  title: t('Beschikbaarheid en uren', 'Availability and hours'),
  intro: t('Welke dagdelen kun je werken, en hoeveel uur nu en later?', 'Which day parts can you work, and how many hours now and later?'),
  questions: [
    { key: 'grid', text: t('Per dag: vroeg, dag, laat, nacht?', 'Per day: early, day, late, night?') },
    { key: 'hoursNow', text: t('Hoeveel uur per week kun je nu werken?', 'How many hours a week can you work now?') },
    { key: 'hoursTarget', text: t('Hoeveel uur wil je uiteindelijk werken?', 'How many hours do you want to work in the end?') },
    { key: 'rampUpPlan', text: t('In welke stappen bouw je op? (bijvoorbeeld 8, 16, 24)', 'In which steps do you build up? (e.g. 8, 16, 24)') },
  ],
};

const mobilityV1: Section = {
  key: 'mobility',
  title: t('Vervoer', 'Travel'),
  intro: t('Hoe kom je op je werk?', 'How do you get to work?'),
  questions: [
    { key: 'modes', text: t('Welk vervoer heb je?', 'Which transport do you have?') },
    { key: 'drivingLicences', text: t('Welke rijbewijzen heb je?', 'Which driving licences do you hold?') },
    { key: 'maxTravelKm', text: t('Hoe ver wil je reizen (km)?', 'How far do you want to travel (km)?') },
  ],
};

const mobilityV2: Section = {
  ...mobilityV1,
  questions: [
    mobilityV1.questions[0]!,
    mobilityV1.questions[1]!,
    { key: 'maxTravelMinutes', text: t('Hoe lang wil je reizen, enkele reis (minuten)?', 'How long do you want to travel, one way (minutes)?') },
  ],
};

const motivation: Section = {
  key: 'motivation',
  title: t('Motivatie', 'Motivation'),
  intro: t('Score 1 tot 5, met wat je zag of hoorde.', 'Score 1 to 5, with what you saw or heard.'),
  questions: [
    { key: 'score', text: t('Hoe gemotiveerd is deze persoon om te werken?', 'How motivated is this person to work?') },
    { key: 'evidence', text: t('Waarop baseer je dat?', 'What is that based on?') },
  ],
};

const learningAbility: Section = {
  key: 'learningAbility',
  title: t('Leervermogen', 'Learning ability'),
  intro: t('Score 1 tot 5, met wat je zag of hoorde.', 'Score 1 to 5, with what you saw or heard.'),
  questions: [
    { key: 'score', text: t('Hoe makkelijk leert deze persoon nieuwe dingen?', 'How easily does this person learn new things?') },
    { key: 'evidence', text: t('Waarop baseer je dat?', 'What is that based on?') },
  ],
};

function barriersSection(withDigital: boolean): Section {
  const domains = [
    t('gezondheid', 'health'),
    t('geldzaken en schulden', 'finances and debt'),
    t('kinderopvang', 'childcare'),
    t('wonen', 'housing'),
    t('taal en lezen', 'language and literacy'),
    ...(withDigital ? [t('digitale vaardigheden', 'digital skills')] : []),
    t('vervoer', 'mobility'),
    t('zorgtaken', 'care duties'),
  ];
  return {
    key: 'barriers',
    title: t('Wat staat werk in de weg?', 'What stands in the way of work?'),
    intro: t(
      `We lopen elk leefgebied langs: ${domains.map((domain) => domain.nl).join(', ')}. Deze gegevens ziet alleen de eigen klantmanager.`,
      `We go through each life domain: ${domains.map((domain) => domain.en).join(', ')}. Only the assigned account manager sees these details.`,
    ),
    questions: [
      { key: 'severity', text: t('Hoe zwaar weegt het? (licht, middel, zwaar)', 'How heavy is it? (light, moderate, severe)') },
      { key: 'solvable', text: t('Is het op te lossen?', 'Can it be solved?') },
      { key: 'action', text: t('Welke actie spreken we af, en wie doet die?', 'Which action do we agree, and who does it?') },
    ],
  };
}

const certificates: Section = {
  key: 'certificates',
  title: t('Certificaten', 'Certificates'),
  intro: t('Bijvoorbeeld VCA, heftruck, BHV, hygiënecode.', 'For example VCA, forklift, first aid, food hygiene.'),
  questions: [{ key: 'certificates', text: t('Welke certificaten heb je?', 'Which certificates do you hold?') }],
};

const diplomas: Section = {
  key: 'diplomas',
  title: t('Diploma’s (als laatste)', 'Diplomas (last)'),
  intro: t('Diploma’s wegen licht: we vragen ze pas aan het eind.', 'Diplomas weigh little: we ask about them last.'),
  questions: [
    { key: 'educationLevel', text: t('Wat is je hoogste opleiding?', 'What is your highest education?') },
    { key: 'items', text: t('Welke diploma’s heb je?', 'Which diplomas do you hold?') },
  ],
};

const QUESTIONNAIRES: Record<QuestionnaireVersion, { publishedOn: string; sections: Section[] }> = {
  v1: {
    publishedOn: '2025-03-01',
    sections: [workWishes, experience, competencies, availability, mobilityV1, motivation, barriersSection(false), certificates, diplomas],
  },
  v2: {
    publishedOn: '2026-09-01',
    sections: [workWishes, experience, competencies, availability, mobilityV2, motivation, learningAbility, barriersSection(true), certificates, diplomas],
  },
};

/** The questionnaire of a version, in one language. */
export function questionnaire(version: QuestionnaireVersion, lang: Lang) {
  const definition = QUESTIONNAIRES[version];
  return {
    version,
    publishedOn: definition.publishedOn,
    sections: definition.sections.map((section) => ({
      key: section.key,
      title: section.title[lang],
      intro: section.intro[lang],
      questions: section.questions.map((question) => ({
        key: question.key,
        text: question.text[lang],
        ...(question.help ? { help: question.help[lang] } : {}),
      })),
    })),
  };
}
