import type { PostcodeArea } from './geo.repository.js';

/**
 * Parses the GeoNames postal-code export for the Netherlands (tab-separated, no header: country,
 * PC4, place, province, province code, municipality, municipality code, -, -, latitude, longitude,
 * accuracy). A PC4 spread over several places gets the mean of their points and its first place.
 */
export function parseGeonamesPostcodes(text: string): PostcodeArea[] {
  const byCode = new Map<string, { place: string; municipality: string; lat: number; lon: number; n: number }>();
  for (const line of text.split('\n')) {
    const fields = line.split('\t');
    if (fields.length < 11 || fields[0] !== 'NL') continue;
    const code = fields[1]!.trim();
    const latitude = Number.parseFloat(fields[9]!);
    const longitude = Number.parseFloat(fields[10]!);
    if (!/^[1-9][0-9]{3}$/.test(code) || !Number.isFinite(latitude) || !Number.isFinite(longitude)) continue;
    const entry = byCode.get(code);
    if (entry) {
      entry.lat += latitude;
      entry.lon += longitude;
      entry.n += 1;
    } else {
      byCode.set(code, { place: fields[2]!.trim(), municipality: (fields[5] ?? '').trim() || fields[2]!.trim(), lat: latitude, lon: longitude, n: 1 });
    }
  }
  return [...byCode.entries()].map(([postcode4, entry]) => ({
    postcode4,
    place: entry.place,
    municipality: entry.municipality,
    latitude: entry.lat / entry.n,
    longitude: entry.lon / entry.n,
  }));
}
