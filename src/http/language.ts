import type { FastifyRequest } from 'fastify';
import type { Lang } from '../schemas/messages.js';

/** Dutch unless the caller prefers English (Accept-Language, or ?lang=en on pages). */
export function parseAcceptLanguage(header: string | undefined): Lang {
  if (!header) return 'nl';
  let best: { lang: Lang; q: number } | undefined;
  for (const part of header.split(',')) {
    const [tag = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.find((param) => param.trim().startsWith('q='));
    const q = qParam ? Number.parseFloat(qParam.trim().slice(2)) : 1;
    const lang: Lang | undefined = tag.startsWith('nl') ? 'nl' : tag.startsWith('en') ? 'en' : undefined;
    if (lang && Number.isFinite(q) && q > 0 && (!best || q > best.q)) best = { lang, q };
  }
  return best?.lang ?? 'nl';
}

export function langOf(request: FastifyRequest): Lang {
  return parseAcceptLanguage(request.headers['accept-language']);
}
