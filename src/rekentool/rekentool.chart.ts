import type { Lang } from '../schemas/messages.js';
import type { MonthResult } from './rekentool.calculate.js';
import { euro, monthName } from './rekentool.messages.js';

/*
 * The rekentool's chart as inline SVG (no script, no style attributes: the pages' CSP allows
 * neither). Per month two bars: "met werk" stacked from net wage (dark) and assistance (light), and
 * "alleen bijstand" as an outlined bar, so that the two stay apart when printed in black and white.
 * A month that pays less than not working gets a marker under its label. The page shows the same
 * figures in a table; the chart's title and description say what it shows for screen readers.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (value: string) => value.replace(/[&<>"']/g, (character) => ESCAPES[character]!);

const WIDTH = 720;
const HEIGHT = 300;
const LEFT = 64;
const RIGHT = 12;
const TOP = 16;
const BOTTOM = 56;

/** A round step for the gridlines: 250, 500, 1000 … so that there are three to six lines. */
function gridStep(max: number): number {
  for (const step of [100, 250, 500, 1000, 2000, 5000]) if (max / step <= 6) return step;
  return 10_000;
}

export function incomeChartSvg({ months, lang, id = 'inkomen' }: { months: readonly MonthResult[]; lang: Lang; id?: string }): string {
  const nl = lang === 'nl';
  // What is left of the wage after the costs of working: a month that costs money then shows lower.
  const kept = (month: MonthResult) => Math.max(0, month.netWage - month.workCosts);
  const withCosts = months.some((month) => month.workCosts > 0);
  const top = Math.max(1, ...months.map((month) => Math.max(month.incomeWithWork, month.incomeWithoutWork)));
  const step = gridStep(top);
  const max = Math.ceil(top / step) * step;
  const plotHeight = HEIGHT - TOP - BOTTOM;
  const slot = (WIDTH - LEFT - RIGHT) / months.length;
  const bar = Math.min(22, slot / 2.6);
  const y = (amount: number) => TOP + plotHeight - (Math.max(0, amount) / max) * plotHeight;
  const parts: string[] = [];

  for (let value = 0; value <= max; value += step) {
    const at = y(value).toFixed(1);
    parts.push(`<line class="rekentool-grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at}" y2="${at}" stroke="#c8c8c8" stroke-width="1"/>`);
    parts.push(
      `<text class="rekentool-axis" x="${LEFT - 6}" y="${(Number(at) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#333">${escape(euro(value, lang).replace(/,00$|\.00$/, ''))}</text>`,
    );
  }

  months.forEach((month, index) => {
    const x = LEFT + index * slot + (slot - 2 * bar - 4) / 2;
    const wageTop = y(kept(month));
    const withTop = y(kept(month) + month.bijstand + month.partnerIncome);
    const label = monthName(month.month, lang);
    const trap = month.flags.includes('armoedeval');
    parts.push(`<g class="rekentool-month${trap ? ' rekentool-month--trap' : ''}">`);
    parts.push(
      `<title>${escape(
        nl
          ? `${label}: met werk ${euro(month.incomeWithWork - month.workCosts, lang)} (loon ${euro(month.netWage, lang)}${month.workCosts > 0 ? ` min kosten ${euro(month.workCosts, lang)}` : ''}, bijstand ${euro(month.bijstand, lang)}); alleen bijstand ${euro(month.incomeWithoutWork, lang)}`
          : `${label}: with work ${euro(month.incomeWithWork - month.workCosts, lang)} (wage ${euro(month.netWage, lang)}${month.workCosts > 0 ? ` less costs ${euro(month.workCosts, lang)}` : ''}, assistance ${euro(month.bijstand, lang)}); assistance alone ${euro(month.incomeWithoutWork, lang)}`,
      )}</title>`,
    );
    // Assistance (and a partner's income) on top of the wage, then the wage; then "assistance alone".
    parts.push(
      `<rect class="rekentool-bar-bijstand" x="${x.toFixed(1)}" y="${withTop.toFixed(1)}" width="${bar.toFixed(1)}" height="${(wageTop - withTop).toFixed(1)}" fill="#8fb8de" stroke="#1f4e79" stroke-width="1"/>`,
    );
    parts.push(
      `<rect class="rekentool-bar-loon" x="${x.toFixed(1)}" y="${wageTop.toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - wageTop).toFixed(1)}" fill="#1f4e79"/>`,
    );
    const alone = y(month.incomeWithoutWork);
    parts.push(
      `<rect class="rekentool-bar-zonder" x="${(x + bar + 4).toFixed(1)}" y="${alone.toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(0) - alone).toFixed(1)}" fill="#ffffff" stroke="#333333" stroke-width="1.5"/>`,
    );
    const centre = (x + bar + 2).toFixed(1);
    const short = new Intl.DateTimeFormat(nl ? 'nl-NL' : 'en-GB', { month: 'short', timeZone: 'UTC' })
      .format(new Date(`${month.month}-01T00:00:00Z`))
      .replace('.', '');
    parts.push(
      `<text class="rekentool-axis" x="${centre}" y="${HEIGHT - BOTTOM + 16}" text-anchor="middle" font-size="11" fill="#333">${escape(short)}</text>`,
    );
    if (trap)
      parts.push(
        `<text class="rekentool-trap" x="${centre}" y="${HEIGHT - BOTTOM + 32}" text-anchor="middle" font-size="13" font-weight="bold" fill="#a4262c">!</text>`,
      );
    parts.push('</g>');
  });

  // The legend, in the chart itself so that it prints with it.
  const legendY = HEIGHT - 12;
  const legend = nl
    ? [
        ['#1f4e79', '#1f4e79', withCosts ? 'Loon min kosten' : 'Loon (netto)'],
        ['#8fb8de', '#1f4e79', 'Bijstand naast werk'],
        ['#ffffff', '#333333', 'Alleen bijstand'],
      ]
    : [
        ['#1f4e79', '#1f4e79', withCosts ? 'Wage less costs' : 'Wage (net)'],
        ['#8fb8de', '#1f4e79', 'Assistance with work'],
        ['#ffffff', '#333333', 'Assistance alone'],
      ];
  legend.forEach(([fill, stroke, text], index) => {
    const x = LEFT + index * 160;
    parts.push(`<rect x="${x}" y="${legendY - 10}" width="12" height="12" fill="${fill}" stroke="${stroke}" stroke-width="1.5"/>`);
    parts.push(`<text x="${x + 18}" y="${legendY}" font-size="12" fill="#333">${escape(text!)}</text>`);
  });
  if (months.some((month) => month.flags.includes('armoedeval'))) {
    parts.push(
      `<text x="${LEFT + 3 * 160}" y="${legendY}" font-size="12" fill="#a4262c">${escape(nl ? '! minder dan zonder werk' : '! less than without work')}</text>`,
    );
  }

  const title = nl ? 'Inkomen per maand, met dit werk en met alleen bijstand' : 'Income per month, with this work and on assistance alone';
  const trapCount = months.filter((month) => month.flags.includes('armoedeval')).length;
  const description = nl
    ? `Staafdiagram van ${months.length} maanden, van ${monthName(months[0]!.month, lang)} tot en met ${monthName(months[months.length - 1]!.month, lang)}. ${trapCount > 0 ? `In ${trapCount} maanden is het inkomen met werk lager dan met alleen bijstand.` : 'In geen enkele maand is het inkomen met werk lager dan met alleen bijstand.'} De tabel hieronder geeft dezelfde bedragen.`
    : `Bar chart of ${months.length} months, from ${monthName(months[0]!.month, lang)} to ${monthName(months[months.length - 1]!.month, lang)}. ${trapCount > 0 ? `In ${trapCount} months income with work is lower than on assistance alone.` : 'In no month is income with work lower than on assistance alone.'} The table below gives the same amounts.`;
  return [
    `<svg class="rekentool-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false">`,
    `<title id="${id}-title">${escape(title)}</title>`,
    `<desc id="${id}-desc">${escape(description)}</desc>`,
    ...parts,
    '</svg>',
  ].join('');
}
