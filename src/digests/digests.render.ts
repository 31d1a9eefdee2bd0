import type { Lang } from '../schemas/messages.js';
import type { DigestContent, DigestSection } from './digests.content.js';
import type { Frequency } from './digests.period.js';

/*
 * Turns composed content into an e-mail: subject, plain text and HTML, in plain Dutch (B1) or
 * English. Pure. It can only show what the content holds (see digests.content.ts); every value is
 * HTML-escaped, and links go into the system (PUBLIC_URL + path), where access is checked again.
 */

export type RenderInput = {
  content: DigestContent;
  lang: Lang;
  recipientName: string;
  frequency: Frequency;
  /** ISO weekday 1–7 for weekly digests. */
  weekday: number | null;
  hour: number;
  periodKey: string;
  since: Date;
  publicUrl: string;
  unsubscribeUrl: string;
  manageUrl: string;
};

export type RenderedDigest = { subject: string; text: string; html: string };

type Line = { text: string; link?: string };
type Block = { heading: string; lines: Line[] };

const WEEKDAYS = {
  nl: ['maandag', 'dinsdag', 'woensdag', 'donderdag', 'vrijdag', 'zaterdag', 'zondag'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

// Made once: constructing an Intl.DateTimeFormat costs far more than formatting with it.
const DAY_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }),
};
const INSTANT_FORMATS: Record<Lang, Intl.DateTimeFormat> = {
  nl: new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' }),
  en: new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' }),
};

function formatDay(isoDate: string, lang: Lang): string {
  const [year, month, day] = isoDate.split('-').map(Number) as [number, number, number];
  return DAY_FORMATS[lang].format(new Date(Date.UTC(year, month - 1, day)));
}

function formatInstant(instant: Date, lang: Lang): string {
  return INSTANT_FORMATS[lang].format(instant);
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
const months = (count: number, lang: Lang) => (lang === 'nl' ? plural(count, 'maand', 'maanden') : plural(count, 'month', 'months'));

const CONSENT_PURPOSES: Record<string, Record<Lang, string>> = {
  share_with_employers: { nl: 'gegevens te delen met werkgevers', en: 'share their profile with employers' },
  disclose_identity: { nl: 'naam en telefoonnummer te delen met een werkgever', en: 'share their name and phone number with an employer' },
  share_instrument_eligibility: { nl: 'regelingen te tonen aan een werkgever', en: 'show employer schemes to an employer' },
};

type Answer = { employerName: string; reference: string; vacancyTitle: string };
/** An employer's answer and what the klantmanager does next. */
const ANSWERS: Record<'invite' | 'hire' | 'decline', Record<Lang, (a: Answer) => string>> = {
  invite: {
    nl: (a) => `${a.employerName} wil kennismaken met ${a.reference} (${a.vacancyTitle}). Help het gesprek plannen:`,
    en: (a) => `${a.employerName} wants to meet ${a.reference} (${a.vacancyTitle}). Help plan the meeting:`,
  },
  hire: {
    nl: (a) => `${a.employerName} neemt ${a.reference} aan (${a.vacancyTitle}). Leg de plaatsing vast:`,
    en: (a) => `${a.employerName} hires ${a.reference} (${a.vacancyTitle}). Record the placement:`,
  },
  decline: {
    nl: (a) => `${a.employerName} zegt nee tegen ${a.reference} (${a.vacancyTitle}). Bespreek het met uw kandidaat:`,
    en: (a) => `${a.employerName} declines ${a.reference} (${a.vacancyTitle}). Talk it over with your candidate:`,
  },
};

/** Where the rest is when a list is longer than a mail holds: Mijn werk, not "and 42 more" (issue 16.3). */
function restOnMyWork(lang: Lang, url: (path: string) => string): Line {
  return { text: lang === 'nl' ? 'Er is meer. U ziet alles op Mijn werk:' : 'There is more. See everything on My work:', link: url('/werkplek/') };
}

function block(section: DigestSection, lang: Lang, url: (path: string) => string): Block {
  const nl = lang === 'nl';
  switch (section.key) {
    case 'caseload_news':
      return {
        heading: nl ? 'Nieuw over uw kandidaten: actie nodig' : 'News about your candidates: action needed',
        lines: [
          ...section.items.map((item) =>
            item.kind === 'dropout'
              ? {
                  text: nl
                    ? `${item.reference} is uitgevallen bij ${item.employerName} (${item.vacancyTitle}) en staat weer actief in uw caseload. Bekijk de reden en plan een gesprek:`
                    : `${item.reference} dropped out at ${item.employerName} (${item.vacancyTitle}) and is active in your caseload again. See the reason and plan a talk:`,
                  link: url(`/bekijk/placement/${item.placementId}`),
                }
              : item.kind === 'employer_check_in' && item.checkIn
                ? {
                    text: nl
                      ? `${item.employerName} vertelt na ${item.checkIn.monthMark} ${item.checkIn.monthMark === 1 ? 'maand' : 'maanden'} over ${item.reference} (${item.vacancyTitle}): ${{ yes: 'het gaat goed', partly: 'het gaat redelijk', no: 'het gaat niet goed' }[item.checkIn.goingWell]}, ${item.checkIn.needsSomething ? 'er is iets nodig' : 'er is niets nodig'}. Bekijk de plaatsing:`
                      : `${item.employerName} checked in after ${item.checkIn.monthMark} ${item.checkIn.monthMark === 1 ? 'month' : 'months'} on ${item.reference} (${item.vacancyTitle}): ${{ yes: 'going well', partly: 'going fairly well', no: 'not going well' }[item.checkIn.goingWell]}, ${item.checkIn.needsSomething ? 'something is needed' : 'nothing is needed'}. See the placement:`,
                    link: url(`/bekijk/placement/${item.placementId}`),
                  }
                : {
                    text: ANSWERS[item.decision ?? 'invite'][lang](item),
                    link: url(`/bekijk/shortlist/${item.shortlistId}`),
                  },
          ),
          ...(section.more ? [restOnMyWork(lang, url)] : []),
        ],
      };
    case 'new_candidates':
      return {
        heading: nl ? 'Nieuwe kandidaten voor u' : 'New candidates for you',
        lines: section.items.map((item) => ({
          text: nl
            ? `${item.vacancyTitle}: ${plural(item.count, 'nieuwe kandidaat', 'nieuwe kandidaten')}. Bekijk de shortlist:`
            : `${item.vacancyTitle}: ${plural(item.count, 'new candidate', 'new candidates')}. See the shortlist:`,
          link: url(`/bekijk/shortlist/${item.shortlistId}`),
        })),
      };
    case 'awaiting_answer':
      return {
        heading: nl ? 'Kandidaten wachten op uw antwoord' : 'Candidates waiting for your answer',
        lines: section.items.map((item) => ({
          text: nl
            ? `${item.vacancyTitle}: ${plural(item.count, 'kandidaat wacht', 'kandidaten wachten')} sinds ${formatDay(item.sharedOn, lang)} op uw antwoord. Geef uw antwoord:`
            : `${item.vacancyTitle}: ${plural(item.count, 'candidate has', 'candidates have')} been waiting for your answer since ${formatDay(item.sharedOn, lang)}. Give your answer:`,
          link: url(`/bekijk/shortlist/${item.shortlistId}`),
        })),
      };
    case 'employer_follow_ups':
      return {
        heading: nl ? 'Gesprekken over uw nieuwe medewerkers' : 'Check-ins about your new employees',
        lines: section.items.map((item) => ({
          text: nl
            ? `${item.vacancyTitle}: het gesprek na ${months(item.monthMark, lang)} is gepland rond ${formatDay(item.dueOn, lang)}. Vertel ons via de link hoe het gaat: twee korte vragen.`
            : `${item.vacancyTitle}: the check-in after ${months(item.monthMark, lang)} is planned around ${formatDay(item.dueOn, lang)}. Tell us through the link how it goes: two short questions.`,
          link: url(`/bekijk/placement/${item.placementId}`),
        })),
      };
    case 'strong_matches':
      return {
        heading: nl ? 'Sterke matches in uw caseload' : 'Strong matches in your caseload',
        lines: [
          ...section.items.map((item) => ({
            text: nl
              ? `${item.reference} past goed bij ${item.vacancyTitle} (${item.employerName}): score ${item.total.toLocaleString('nl-NL')} van 100.`
              : `${item.reference} fits ${item.vacancyTitle} (${item.employerName}) well: score ${item.total.toLocaleString('en-GB')} out of 100.`,
            link: url(`/bekijk/vacancy/${item.vacancyId}`),
          })),
          ...(section.more > 0 ? [restOnMyWork(lang, url)] : []),
        ],
      };
    case 'new_vacancies':
      return {
        heading: nl ? 'Nieuwe vacatures met een sterke match in uw caseload' : 'New vacancies with a strong match in your caseload',
        lines: [
          ...section.items.map((item) => ({
            text: nl
              ? `${item.title} bij ${item.employerName}: ${plural(item.eligible, 'kandidaat komt', 'kandidaten komen')} in aanmerking, waarvan ${item.strong} met een sterke match.`
              : `${item.title} at ${item.employerName}: ${plural(item.eligible, 'candidate qualifies', 'candidates qualify')}, ${item.strong} of them a strong match.`,
            link: url(`/bekijk/vacancy/${item.vacancyId}`),
          })),
          ...(section.more > 0 ? [restOnMyWork(lang, url)] : []),
        ],
      };
    case 'follow_ups':
      return {
        heading: nl ? 'Nazorg: gesprekken die nu aan de beurt zijn' : 'Follow-ups due now',
        lines: section.items.map((item) => ({
          text: nl
            ? `${item.reference} bij ${item.employerName} (${item.vacancyTitle}): gesprek na ${months(item.monthMark, lang)}, gepland op ${formatDay(item.dueOn, lang)}.`
            : `${item.reference} at ${item.employerName} (${item.vacancyTitle}): check-in after ${months(item.monthMark, lang)}, due on ${formatDay(item.dueOn, lang)}.`,
          link: url(`/bekijk/placement/${item.placementId}`),
        })),
      };
    case 'consents_expiring':
      return {
        heading: nl ? 'Toestemmingen die bijna aflopen' : 'Consents about to expire',
        lines: section.items.map((item) => {
          const purpose = CONSENT_PURPOSES[item.purpose]?.[lang] ?? item.purpose;
          return {
            text: nl
              ? `${item.reference}: de toestemming om ${purpose} loopt af op ${formatDay(item.expiresOn, lang)}. Vraag of die verlengd mag worden.`
              : `${item.reference}: the consent to ${purpose} ends on ${formatDay(item.expiresOn, lang)}. Ask whether it may be renewed.`,
            link: url(`/bekijk/candidate/${item.candidateId}`),
          };
        }),
      };
    case 'growth_cohorts':
      return {
        heading: nl ? 'Groeiplannen: tijd om een groep voor te bereiden' : 'Growth plans: time to prepare a cohort',
        lines: section.items.map((item) => ({
          text: nl
            ? `${item.employerName}, ${item.planName}: ${item.headcount} × ${item.roleTitle}, nodig op ${formatDay(item.expectedDate, lang)}. Begin met voorbereiden op ${formatDay(item.prepareFrom, lang)}. Er is nog geen vacature voor.`
            : `${item.employerName}, ${item.planName}: ${item.headcount} × ${item.roleTitle}, needed on ${formatDay(item.expectedDate, lang)}. Start preparing on ${formatDay(item.prepareFrom, lang)}. There is no vacancy for it yet.`,
          link: url(`/bekijk/growth-plan/${item.growthPlanId}`),
        })),
      };
  }
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** When the digest comes, in words. */
export function scheduleText(input: Pick<RenderInput, 'frequency' | 'weekday' | 'hour' | 'lang'>): string {
  const time = `${String(input.hour).padStart(2, '0')}:00`;
  if (input.frequency === 'daily') return input.lang === 'nl' ? `elke dag om ${time}` : `every day at ${time}`;
  const day = WEEKDAYS[input.lang][(input.weekday ?? 1) - 1];
  return input.lang === 'nl' ? `elke ${day} om ${time}` : `every ${day} at ${time}`;
}

function subjectOf(input: RenderInput): string {
  const nl = input.lang === 'nl';
  const week = /^\d{4}-W(\d{2})$/.exec(input.periodKey);
  const when = week ? (nl ? `week ${Number(week[1])}` : `week ${Number(week[1])}`) : formatDay(input.periodKey, input.lang);
  return nl ? `Kansrijk: nieuw voor u (${when})` : `Kansrijk: new for you (${when})`;
}

/** The e-mail of one digest. */
export function renderDigest(input: RenderInput): RenderedDigest {
  const nl = input.lang === 'nl';
  const base = input.publicUrl.replace(/\/+$/, '');
  const url = (path: string) => `${base}${path}`;
  const blocks = input.content.sections.map((section) => block(section, input.lang, url));
  const greeting = nl ? `Beste ${input.recipientName},` : `Dear ${input.recipientName},`;
  const intro = nl
    ? `Dit is er nieuw voor u sinds ${formatInstant(input.since, input.lang)}.`
    : `This is what is new for you since ${formatInstant(input.since, input.lang)}.`;
  const privacy = nl
    ? 'In deze mail staan geen namen of persoonlijke gegevens van kandidaten. Die vindt u veilig in Kansrijk, via de links.'
    : 'This e-mail holds no names or personal details of candidates. You find those safely in Kansrijk, through the links.';
  const why = nl
    ? `U krijgt deze mail ${scheduleText(input)}, omdat u zich hiervoor heeft aangemeld.`
    : `You get this e-mail ${scheduleText(input)} because you signed up for it.`;
  const stop = nl ? 'Wilt u deze mail niet meer krijgen? Meld u af:' : 'No longer want this e-mail? Unsubscribe:';
  const manage = nl ? 'Instellingen van deze mail:' : 'Settings of this e-mail:';

  const text = [
    greeting,
    '',
    intro,
    ...blocks.flatMap((b) => ['', b.heading, ...b.lines.map((line) => `- ${line.text}${line.link ? ` ${line.link}` : ''}`)]),
    '',
    privacy,
    '',
    '--',
    why,
    `${stop} ${input.unsubscribeUrl}`,
    `${manage} ${input.manageUrl}`,
    '',
  ].join('\n');

  const line = (l: Line) =>
    `<li style="margin:0 0 8px">${escapeHtml(l.text)}${l.link ? ` <a href="${escapeHtml(l.link)}">${nl ? 'Bekijk' : 'Open'}</a>` : ''}</li>`;
  const html = [
    '<!doctype html>',
    `<html lang="${input.lang}"><head><meta charset="utf-8"><title>${escapeHtml(subjectOf(input))}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:640px;margin:0 auto;padding:16px">',
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    ...blocks.map(
      (b) => `<h2 style="font-size:18px;margin:24px 0 8px">${escapeHtml(b.heading)}</h2><ul style="padding-left:20px">${b.lines.map(line).join('')}</ul>`,
    ),
    `<p>${escapeHtml(privacy)}</p>`,
    '<hr style="border:none;border-top:1px solid #ccc;margin:24px 0">',
    `<p style="font-size:14px;color:#555">${escapeHtml(why)}<br>${escapeHtml(stop)} <a href="${escapeHtml(input.unsubscribeUrl)}">${nl ? 'afmelden' : 'unsubscribe'}</a><br>` +
      `${escapeHtml(manage)} <a href="${escapeHtml(input.manageUrl)}">${nl ? 'instellingen' : 'settings'}</a></p>`,
    '</body></html>',
  ].join('\n');

  return { subject: subjectOf(input), text, html };
}
