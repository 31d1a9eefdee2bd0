import { readFile } from 'node:fs/promises';
import { geoRepository } from '../src/geo/geo.repository.js';
import { parseGeonamesPostcodes } from '../src/geo/geonames.js';
import { fail, parseArgs, withRuntime } from './lib/cli.js';

const args = parseArgs();
const file = args.get('file');
if (typeof file !== 'string') fail('Usage: npm run geo:import -- --file ../shared/data/geo/pc4_geonames_NL.txt');

const areas = parseGeonamesPostcodes(await readFile(file, 'utf8'));
await withRuntime(async ({ runtime }) => {
  const repository = geoRepository(runtime.database.db);
  for (let i = 0; i < areas.length; i += 1000) {
    await repository.upsertAreas(areas.slice(i, i + 1000).map((area) => ({ ...area, source: 'GeoNames (CC BY 4.0)' })));
  }
  process.stdout.write(`Imported ${areas.length} PC4 areas (GeoNames, CC BY 4.0).\n`);
});
