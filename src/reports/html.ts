import { randomBytes } from 'node:crypto';
import type { Lang } from '../schemas/messages.js';

/*
 * Server-rendered report pages: one HTML document with inline SVG bar charts, no scripts, no
 * external styles, fonts or CDNs. The one <style> element carries a per-response nonce, which the
 * page's own Content-Security-Policy allows; nothing else may load.
 */

export function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A nonce and the Content-Security-Policy that allows exactly the page's own stylesheet. */
export function pagePolicy(): { nonce: string; csp: string } {
  const nonce = randomBytes(16).toString('base64');
  return {
    nonce,
    csp: `default-src 'none'; style-src 'nonce-${nonce}'; img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
  };
}

export function formatPercent(value: number | null, lang: Lang): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
}

export function formatNumber(value: number | null, lang: Lang, digits = 2): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

export function formatEuro(value: number, lang: Lang): string {
  return new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(value);
}

export type Bar = {
  label: string;
  value: number;
  /** The value as shown next to the bar. */
  text: string;
  /** Drawn in the warning colour, and the text says so too (never colour alone). */
  flagged?: boolean;
  /** Drawn grey: e.g. a group too small to judge. */
  muted?: boolean;
};

const LABEL_WIDTH = 230;
const BAR_WIDTH = 380;
const ROW_HEIGHT = 26;

/** A horizontal bar chart as inline SVG, with an optional dashed reference line (e.g. 0.8 × the best rate). */
export function barChart({
  title,
  bars,
  max,
  reference,
}: {
  title: string;
  bars: readonly Bar[];
  max?: number;
  reference?: { value: number; label: string };
}): string {
  const top = 28;
  const height = top + bars.length * ROW_HEIGHT + (reference ? 22 : 8);
  const width = LABEL_WIDTH + BAR_WIDTH + 150;
  const scale = Math.max(max ?? 0, ...bars.map((bar) => bar.value), reference?.value ?? 0) || 1;
  const id = `c${randomBytes(4).toString('hex')}`;
  const rows = bars
    .map((bar, index) => {
      const y = top + index * ROW_HEIGHT;
      const length = Math.max(0, (bar.value / scale) * BAR_WIDTH);
      const fill = bar.flagged ? '#b3261e' : bar.muted ? '#9aa5ad' : '#1f6f8b';
      return [
        `<text x="${LABEL_WIDTH - 8}" y="${y + 17}" text-anchor="end" font-size="13" fill="#1b1b1b">${escapeHtml(bar.label)}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y + 4}" width="${length.toFixed(1)}" height="${ROW_HEIGHT - 8}" fill="${fill}"><title>${escapeHtml(`${bar.label}: ${bar.text}`)}</title></rect>`,
        `<text x="${(LABEL_WIDTH + length + 6).toFixed(1)}" y="${y + 17}" font-size="13" fill="#1b1b1b">${escapeHtml(bar.text)}</text>`,
      ].join('');
    })
    .join('');
  let line = '';
  if (reference) {
    const x = (LABEL_WIDTH + (reference.value / scale) * BAR_WIDTH).toFixed(1);
    const bottom = top + bars.length * ROW_HEIGHT;
    line =
      `<line x1="${x}" y1="${top - 2}" x2="${x}" y2="${bottom + 2}" stroke="#b3261e" stroke-width="1.5" stroke-dasharray="4 3"/>` +
      `<text x="${x}" y="${bottom + 16}" text-anchor="middle" font-size="12" fill="#b3261e">${escapeHtml(reference.label)}</text>`;
  }
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${id}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<title id="${id}">${escapeHtml(title)}</title>` +
    `<text x="0" y="16" font-size="14" font-weight="bold" fill="#1b1b1b">${escapeHtml(title)}</text>` +
    rows +
    line +
    '</svg>'
  );
}

/** A table; cells are escaped text unless given as { html }. */
export function table(headers: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | { html: string }>>, className = ''): string {
  const cell = (value: string | { html: string }) => (typeof value === 'string' ? escapeHtml(value) : value.html);
  return (
    `<table${className ? ` class="${className}"` : ''}><thead><tr>${headers.map((header) => `<th scope="col">${escapeHtml(header)}</th>`).join('')}</tr></thead>` +
    `<tbody>${rows.map((row) => `<tr>${row.map((value) => `<td>${cell(value)}</td>`).join('')}</tr>`).join('')}</tbody></table>`
  );
}

export function list(items: readonly string[]): string {
  return `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

const STYLE = `
body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; color: #1b1b1b; line-height: 1.5; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #ccd; } h3 { font-size: 1.05rem; margin-top: 1.5rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccd; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eef1f4; }
.flag { color: #b3261e; font-weight: bold; }
.muted { color: #5f6b73; }
.summary { background: #f6f8fa; border-left: 4px solid #1f6f8b; padding: 0.5rem 1rem; }
.warning { border-left-color: #b3261e; }
svg { display: block; margin: 0.5rem 0; max-width: 100%; height: auto; }
footer { margin-top: 3rem; font-size: 0.85rem; color: #5f6b73; }
`;

/** The whole page; `body` is trusted HTML built from escaped parts. */
export function page({ title, lang, nonce, body }: { title: string; lang: Lang; nonce: string; body: string }): string {
  return (
    `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style nonce="${nonce}">${STYLE}</style></head>` +
    `<body><main>${body}</main></body></html>`
  );
}
