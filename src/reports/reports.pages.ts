import type { Lang } from '../schemas/messages.js';
import type { FairnessFigures, StageFigure } from './fairness.js';
import { barChart, escapeHtml, formatEuro, formatNumber, formatPercent, list, page, table } from './html.js';
import type { ImpactFigures, ImpactSlice } from './impact.js';

/* The report pages (Dutch by default, English with Accept-Language: en). */

const words = {
  nl: {
    fairnessTitle: 'Eerlijkheid: krijgen alle groepen even goede kansen?',
    impactTitle: 'Wat levert het op?',
    period: (from: string, to: string) => `Periode: ${from} tot en met ${to}.`,
    people: (n: number, withAttributes: number) => `${n} mensen stonden in een rangschikking; van ${withAttributes} weten we minstens één kenmerk.`,
    noFlags: 'Geen enkele groep zit onder de 0,8. Let op: kleine groepen kunnen we niet beoordelen.',
    flags: (n: number) => `${n} waarschuwing${n === 1 ? '' : 'en'}: een groep kwam minder dan 0,8 keer zo vaak door als de groep die het vaakst doorkwam.`,
    how: 'Hoe we rekenen',
    headers: ['Groep', 'Begonnen', 'Doorgegaan', 'Kans', 'Verhouding', 'Opmerking'],
    line: (value: string) => `0,8 × beste kans (${value})`,
    chartTitle: (stage: string) => `Kans per groep: ${stage}`,
    reference: 'vergelijkingsgroep',
    footer: 'Alleen voor beheerders. De kenmerken zijn alleen vastgelegd voor deze controle en tellen nooit mee bij het rangschikken.',
    placements: 'Plaatsingen',
    stillWorking: 'Nog aan het werk',
    atMonths: (m: number) => `na ${m} maand${m === 1 ? '' : 'en'}`,
    savings: 'Geschatte besparing',
    avoided: 'Minder bijstand',
    subsidies: 'Kosten regelingen',
    net: 'Netto',
    perPeriod: 'Per periode',
    perSector: 'Per sector',
    dropouts: 'Redenen van uitval',
    noDropouts: 'Geen uitval vastgelegd.',
    assumptions: 'Aannames bij de besparing',
    erased: (n: number) => `${n} plaatsing${n === 1 ? '' : 'en'} van mensen die zijn verwijderd (op verzoek of na de bewaartermijn) tellen niet meer mee.`,
    retentionHeaders: ['Wanneer', 'Aan het werk', 'Niet aan het werk', 'Onbekend', 'Nog niet aan de beurt', 'Percentage'],
    sliceHeaders: (first: string) => [first, 'Plaatsingen', 'Na 1 maand', 'Na 3 maanden', 'Na 6 maanden', 'Netto besparing'],
    periodHeader: 'Periode',
    sectorHeader: 'Sector',
    placementsPerPeriod: 'Plaatsingen per periode',
    netPerPeriod: 'Geschatte netto besparing per periode',
    retentionChart: 'Nog aan het werk (van de bekende uitkomsten)',
    dropoutChart: 'Redenen van uitval',
    lastingTitle: 'Wat voorspelt een blijvende plaatsing?',
    lastingIntro: (n: number, inWork: number, withRanking: number) =>
      `${n} ${n === 1 ? 'plaatsing heeft' : 'plaatsingen hebben'} een uitkomst na 6 maanden; ${inWork} daarvan ${inWork === 1 ? 'werkt' : 'werken'} nog. Van ${withRanking} is de ranking bewaard waarmee iemand op de shortlist kwam.`,
    lastingHeaders: ['Groep', 'Plaatsingen', 'Na 6 maanden aan het werk', 'Percentage', 'Interval (95%)', 'Opmerking'],
    lastingChart: (label: string) => `Na 6 maanden aan het werk: ${label}`,
  },
  en: {
    fairnessTitle: 'Fairness: do all groups get equally good chances?',
    impactTitle: 'What does the work achieve?',
    period: (from: string, to: string) => `Period: ${from} up to and including ${to}.`,
    people: (n: number, withAttributes: number) => `${n} people appeared in a ranking; for ${withAttributes} at least one detail is known.`,
    noFlags: 'No group is below 0.8. Note: small groups cannot be judged.',
    flags: (n: number) => `${n} flag${n === 1 ? '' : 's'}: a group passed less than 0.8 times as often as the group that passed most often.`,
    how: 'How we count',
    headers: ['Group', 'Entered', 'Passed', 'Rate', 'Impact ratio', 'Note'],
    line: (value: string) => `0.8 × best rate (${value})`,
    chartTitle: (stage: string) => `Rate per group: ${stage}`,
    reference: 'reference group',
    footer: 'For admins only. The details were recorded only for this check and never count in ranking.',
    placements: 'Placements',
    stillWorking: 'Still in work',
    atMonths: (m: number) => `after ${m} month${m === 1 ? '' : 's'}`,
    savings: 'Estimated savings',
    avoided: 'Less social assistance',
    subsidies: 'Cost of instruments',
    net: 'Net',
    perPeriod: 'Per period',
    perSector: 'Per sector',
    dropouts: 'Drop-out reasons',
    noDropouts: 'No drop-outs recorded.',
    assumptions: 'Assumptions behind the savings',
    erased: (n: number) => `${n} placement${n === 1 ? '' : 's'} of people who were erased (on request or after the retention term) no longer count.`,
    retentionHeaders: ['When', 'In work', 'Not in work', 'Unknown', 'Not yet due', 'Rate'],
    sliceHeaders: (first: string) => [first, 'Placements', 'After 1 month', 'After 3 months', 'After 6 months', 'Net savings'],
    periodHeader: 'Period',
    sectorHeader: 'Sector',
    placementsPerPeriod: 'Placements per period',
    netPerPeriod: 'Estimated net savings per period',
    retentionChart: 'Still in work (of known outcomes)',
    dropoutChart: 'Drop-out reasons',
    lastingTitle: 'What predicts a lasting placement?',
    lastingIntro: (n: number, inWork: number, withRanking: number) =>
      `${n} placement${n === 1 ? ' has' : 's have'} an outcome at 6 months; ${inWork} of them still in work. For ${withRanking} the ranking that put the person on the shortlist is on record.`,
    lastingHeaders: ['Group', 'Placements', 'In work at 6 months', 'Rate', 'Interval (95 %)', 'Note'],
    lastingChart: (label: string) => `In work at 6 months: ${label}`,
  },
} as const;

function stageSection(stage: StageFigure, lang: Lang): string {
  const w = words[lang];
  const best = stage.groups.find((group) => group.reference);
  const bars = stage.groups.map((group) => ({
    label: `${group.label} (n=${group.pool})`,
    value: group.rate ?? 0,
    text: `${formatPercent(group.rate, lang)}${group.flagged ? ` ⚠ ${formatNumber(group.impactRatio, lang, 3)}` : ''}`,
    flagged: group.flagged,
    muted: group.tooSmall || group.group === 'unknown',
  }));
  const chart = barChart({
    title: w.chartTitle(stage.label),
    bars,
    max: 1,
    ...(best?.rate ? { reference: { value: best.rate * 0.8, label: w.line(formatPercent(best.rate * 0.8, lang)) } } : {}),
  });
  const rows = stage.groups.map((group) => [
    group.reference ? { html: `${escapeHtml(group.label)} <span class="muted">(${w.reference})</span>` } : group.label,
    String(group.pool),
    String(group.selected),
    formatPercent(group.rate, lang),
    group.flagged ? { html: `<span class="flag">${escapeHtml(formatNumber(group.impactRatio, lang, 3))} ⚠</span>` } : formatNumber(group.impactRatio, lang, 3),
    group.note ?? '',
  ]);
  return `<h3>${escapeHtml(stage.label)}</h3>${chart}${table(w.headers, rows)}`;
}

/** The fairness report's content (trusted HTML from escaped parts): the report page, and the werkplek's Beheer page inside its own layout. */
export function fairnessReportBody(figures: FairnessFigures, { from, to, lang }: { from: string; to: string; lang: Lang }): string {
  const w = words[lang];
  const summary =
    figures.flags.length === 0
      ? `<p class="summary">${escapeHtml(w.noFlags)}</p>`
      : `<div class="summary warning"><p class="flag">${escapeHtml(w.flags(figures.flags.length))}</p>${list(
          figures.flags.map((flag) => {
            const dimension = figures.dimensions.find((item) => item.dimension === flag.dimension)!;
            const stage = dimension.stages.find((item) => item.stage === flag.stage)!;
            const group = stage.groups.find((item) => item.group === flag.group)!;
            return `${dimension.label} – ${stage.label}: ${group.label} (${formatNumber(flag.impactRatio, lang, 3)})`;
          }),
        )}</div>`;
  return [
    `<h1>${escapeHtml(w.fairnessTitle)}</h1>`,
    `<p>${escapeHtml(w.period(from, to))} ${escapeHtml(w.people(figures.people, figures.withAttributes))}</p>`,
    summary,
    ...figures.dimensions.map((dimension) => `<h2>${escapeHtml(dimension.label)}</h2>${dimension.stages.map((stage) => stageSection(stage, lang)).join('')}`),
    `<h2>${escapeHtml(w.how)}</h2>${list(figures.definitions)}`,
    `<footer>${escapeHtml(w.footer)}</footer>`,
  ].join('');
}

export function renderFairnessPage(figures: FairnessFigures, { from, to, lang, nonce }: { from: string; to: string; lang: Lang; nonce: string }): string {
  return page({ title: words[lang].fairnessTitle, lang, nonce, body: fairnessReportBody(figures, { from, to, lang }) });
}

function retentionCell(slice: ImpactSlice, index: number, lang: Lang): string {
  const figure = slice.retention[index]!;
  const known = figure.inWork + figure.notInWork;
  return known === 0 ? '–' : `${formatPercent(figure.rate, lang)} (${figure.inWork}/${known})`;
}

function sliceRows(slices: readonly ImpactSlice[], lang: Lang) {
  return slices.map((slice) => [
    slice.label,
    String(slice.placements),
    retentionCell(slice, 0, lang),
    retentionCell(slice, 1, lang),
    retentionCell(slice, 2, lang),
    formatEuro(slice.savings.netSavings, lang),
  ]);
}

function intervalText(interval: { low: number; high: number } | null, lang: Lang): string {
  return interval ? `${formatPercent(interval.low, lang)} – ${formatPercent(interval.high, lang)}` : '–';
}

/** Section 4 of the impact report: retention at 6 months per group, with intervals and notes (issue 16.4). */
function lastingSection(lasting: ImpactFigures['lasting'], lang: Lang): string {
  const w = words[lang];
  const parts = [
    `<h2 id="blijvend">${escapeHtml(w.lastingTitle)}</h2>`,
    `<p>${escapeHtml(w.lastingIntro(lasting.placements, lasting.inWork, lasting.withRanking))}</p>`,
  ];
  if (lasting.note) parts.push(`<p class="summary warning">${escapeHtml(lasting.note)}</p>`);
  for (const dimension of lasting.dimensions) {
    const groups = dimension.groups.filter((group) => group.placements > 0);
    if (groups.length === 0) continue;
    parts.push(
      `<h3>${escapeHtml(dimension.label)}</h3>`,
      barChart({
        title: w.lastingChart(dimension.label),
        max: 1,
        bars: groups.map((group) => ({
          label: group.label,
          value: group.rate ?? 0,
          text: `${formatPercent(group.rate, lang)} (${group.inWork}/${group.placements})`,
          muted: group.tooSmall,
        })),
      }),
      table(
        w.lastingHeaders,
        groups.map((group) => [
          group.label,
          String(group.placements),
          String(group.inWork),
          formatPercent(group.rate, lang),
          intervalText(group.interval, lang),
          group.note ?? '',
        ]),
      ),
    );
  }
  parts.push(list(lasting.definitions));
  return parts.join('');
}

/** The impact report's content (trusted HTML from escaped parts), for the report page and the werkplek. */
export function impactReportBody(figures: ImpactFigures, { lang }: { lang: Lang }): string {
  const w = words[lang];
  const totals = figures.totals;
  return [
    `<h1>${escapeHtml(w.impactTitle)}</h1>`,
    `<p>${escapeHtml(w.period(figures.from, figures.to))}</p>`,
    `<div class="summary"><p><strong>${totals.placements}</strong> ${escapeHtml(w.placements.toLowerCase())}. ${escapeHtml(w.savings)}: <strong>${escapeHtml(
      formatEuro(totals.savings.netSavings, lang),
    )}</strong> ${escapeHtml(w.net.toLowerCase())} (${escapeHtml(w.avoided.toLowerCase())} ${escapeHtml(formatEuro(totals.savings.avoidedBenefit, lang))}, ${escapeHtml(
      w.subsidies.toLowerCase(),
    )} ${escapeHtml(formatEuro(totals.savings.subsidyCosts, lang))}).</p>${figures.erasedPlacements > 0 ? `<p class="muted">${escapeHtml(w.erased(figures.erasedPlacements))}</p>` : ''}</div>`,
    `<h2>${escapeHtml(w.stillWorking)}</h2>`,
    barChart({
      title: w.retentionChart,
      max: 1,
      bars: totals.retention.map((figure) => ({
        label: w.atMonths(figure.mark),
        value: figure.rate ?? 0,
        text: `${formatPercent(figure.rate, lang)} (${figure.inWork}/${figure.inWork + figure.notInWork})`,
      })),
    }),
    table(
      w.retentionHeaders,
      totals.retention.map((figure) => [
        w.atMonths(figure.mark),
        String(figure.inWork),
        String(figure.notInWork),
        String(figure.unknown),
        String(figure.notYetDue),
        formatPercent(figure.rate, lang),
      ]),
    ),
    `<h2>${escapeHtml(w.perPeriod)}</h2>`,
    barChart({
      title: w.placementsPerPeriod,
      bars: figures.byPeriod.map((slice) => ({ label: slice.label, value: slice.placements, text: String(slice.placements) })),
    }),
    barChart({
      title: w.netPerPeriod,
      bars: figures.byPeriod.map((slice) => ({
        label: slice.label,
        value: Math.max(0, slice.savings.netSavings),
        text: formatEuro(slice.savings.netSavings, lang),
        flagged: slice.savings.netSavings < 0,
      })),
    }),
    table(w.sliceHeaders(w.periodHeader), sliceRows(figures.byPeriod, lang)),
    `<h2>${escapeHtml(w.perSector)}</h2>`,
    barChart({ title: w.perSector, bars: figures.bySector.map((slice) => ({ label: slice.label, value: slice.placements, text: String(slice.placements) })) }),
    table(w.sliceHeaders(w.sectorHeader), sliceRows(figures.bySector, lang)),
    `<h2>${escapeHtml(w.dropouts)}</h2>`,
    figures.dropoutReasons.length === 0
      ? `<p>${escapeHtml(w.noDropouts)}</p>`
      : barChart({ title: w.dropoutChart, bars: figures.dropoutReasons.map((item) => ({ label: item.label, value: item.count, text: String(item.count) })) }),
    lastingSection(figures.lasting, lang),
    `<h2>${escapeHtml(w.assumptions)}</h2>${list(figures.assumptions)}`,
    `<h2>${escapeHtml(w.how)}</h2>${list(figures.definitions)}`,
  ].join('');
}

export function renderImpactPage(figures: ImpactFigures, { lang, nonce }: { lang: Lang; nonce: string }): string {
  return page({ title: words[lang].impactTitle, lang, nonce, body: impactReportBody(figures, { lang }) });
}
