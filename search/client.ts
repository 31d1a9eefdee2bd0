import { Meilisearch } from 'meilisearch';

export type SearchConnection = { url: string; masterKey: string };

/**
 * A Meilisearch client for loopback use. Node's fetch asks for gzip, and every gzip answer stalls
 * ≈ 43 ms on loopback here; asking for identity encoding keeps search at a few milliseconds.
 */
export function createSearchClient({ url, masterKey }: SearchConnection): Meilisearch {
  return new Meilisearch({
    host: url,
    apiKey: masterKey,
    timeout: 5_000,
    requestInit: { headers: { 'Accept-Encoding': 'identity' } },
  });
}
