import { readFile } from 'node:fs/promises';
import t from 'tap';
import { FACTORS } from '../../src/matching/matcher.types.js';
import { DEFAULT_WEIGHTS, MATCHER_VERSION } from '../../src/matching/weights.js';

/*
 * The model card (docs/matcher-model-card.md) stays true: it names the matcher version in the code
 * and states every default weight as the code has it.
 */

const card = await readFile(new URL('../../docs/matcher-model-card.md', import.meta.url), 'utf8');

t.test('the card names the current matcher version', async (t) => {
  const named = /^Matcher version: \*\*([^*]+)\*\*$/m.exec(card)?.[1];
  t.equal(named, MATCHER_VERSION, `MATCHER_VERSION is ${MATCHER_VERSION}: update docs/matcher-model-card.md (version, weights, figures)`);
});

t.test('the card states every default weight as the code has it', async (t) => {
  for (const factor of FACTORS) {
    const stated = new RegExp(`^\\| \`${factor}\` \\| ([0-9.]+) \\|`, 'm').exec(card)?.[1];
    t.ok(stated !== undefined, `${factor} is in the weights table`);
    t.equal(Number(stated), DEFAULT_WEIGHTS[factor], `${factor}: the card says ${stated}, the code ${DEFAULT_WEIGHTS[factor]}`);
  }
  const rows = card.match(/^\| `[A-Za-z]+` \| [0-9.]+ \|/gm) ?? [];
  t.equal(rows.length, FACTORS.length, 'no factor on the card that the code does not have');
});

t.test('the card says what the matcher must never use, and its known limits', async (t) => {
  for (const heading of ['## Purpose', '## What it must never use', '## Known limits', '### Figures on the demo data']) t.ok(card.includes(heading), heading);
  for (const never of ['Age', 'gender', 'pregnancy', 'nationality', 'name', 'photo', 'postcode', 'health', 'benefit amounts', 'audit attributes']) {
    t.ok(card.includes(never), `never: ${never}`);
  }
});
