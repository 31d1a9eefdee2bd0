import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { Heading, Link, Paragraph } from '../pages/components.js';
import { h } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute, type PageArea } from '../pages/pages.plugin.js';
import type { Services } from '../services.js';
import type { EmployerShortlistView } from '../shortlists/shortlists.schemas.js';
import { waitingIn, werkgeverShortlistPages } from './shortlists.pages.js';
import { werkgeverVacancyPages } from './vacatures.pages.js';
import { checkInsWaiting, nameOf, openMoments, werkgeverHirePages } from './medewerkers.pages.js';
import { amsterdamDate } from '../placements/calendar.js';
import { werkgeverGrowthPlanPages } from './groeiplannen.pages.js';
import { dutchDay, plural } from './werkgever.labels.js';
import { WerkgeverPage } from './werkgever.layout.js';

export type WerkgeverDeps = { db: Db; services: Services; clock: Clock };

/**
 * The employer pages (issue 15): for employer contacts without an HR system of their own, signed in
 * by a link from their mails. Every page calls the same services as the employer API with the
 * contact's own principal, so the scope is exactly that of an employer token: the own employer,
 * shortlists sent to it, the minimised candidate view, a name only after the person's consent.
 */
export function werkgeverPages(deps: WerkgeverDeps): PageArea {
  return {
    prefix: '/werkgever',
    roles: ['employer'],
    views: {
      shortlist: (id) => `/werkgever/shortlists/${id}`,
      vacancy: (id) => `/werkgever/vacatures/${id}`,
      // The employer digest's follow-ups link here: the hire with its check-in (issue 15.5).
      placement: (id) => `/werkgever/medewerkers/${id}`,
      'growth-plan': (id) => `/werkgever/groeiplannen/${id}`,
    },
    routes: async (app) => {
      await app.register(werkgeverShortlistPages, deps);
      await app.register(werkgeverVacancyPages, deps);
      await app.register(werkgeverGrowthPlanPages, deps);
      await app.register(werkgeverHirePages, deps);

      app.get('/', pageRoute({ access: ['employer'] }), async (request, reply) => {
        const ctx = pageOf(request);
        const principal = apiPrincipalOf(request);
        const { services } = deps;
        const shortlists = await services.shortlists.list(principal, { status: 'sent', limit: 20 });
        const views = await Promise.all(shortlists.items.map((item) => services.shortlists.get(principal, item.id, 'nl') as Promise<EmployerShortlistView>));
        const waiting = views.filter((view) => waitingIn(view) > 0);
        const today = amsterdamDate(deps.clock.now());
        const checkIns = (await services.placements.employerHires(principal)).filter((hire) => openMoments(hire, today).length > 0);
        return reply.html(
          <WerkgeverPage ctx={ctx} title="Overzicht">
            <Heading>Goedendag, {ctx.principal?.name}</Heading>
            <Paragraph lead>Hier ziet u wat het Werkplein voor u klaarzet, en wat er op uw antwoord wacht.</Paragraph>
            <section class="kansrijk-stack" aria-labelledby="kop-wachten">
              <Heading level={2}>
                <span id="kop-wachten">Kandidaten die op uw antwoord wachten</span>
              </Heading>
              {waiting.length === 0 ? <Paragraph>Er wacht nu niemand op uw antwoord.</Paragraph> : null}
              <ul class="utrecht-unordered-list">
                {waiting.map((view) => (
                  <li class="utrecht-unordered-list__item">
                    <Link href={`/werkgever/shortlists/${view.id}`}>{view.vacancy.title}</Link>:{' '}
                    {plural(waitingIn(view), 'kandidaat wacht', 'kandidaten wachten')} sinds {dutchDay(view.sentAt)}.
                  </li>
                ))}
              </ul>
              <Paragraph>
                <Link href="/werkgever/shortlists">Alle kandidaten die het Werkplein u stuurde</Link>
              </Paragraph>
            </section>
            {checkIns.length > 0 ? (
              <section class="kansrijk-stack" aria-labelledby="kop-check-ins">
                <Heading level={2}>
                  <span id="kop-check-ins">Hoe gaat het met uw nieuwe medewerkers?</span>
                </Heading>
                <ul class="utrecht-unordered-list">
                  {checkIns.map((hire) => (
                    <li class="utrecht-unordered-list__item">
                      <Link href={`/werkgever/medewerkers/${hire.id}`}>{nameOf(hire)}</Link>: {checkInsWaiting(openMoments(hire, today).length)}.
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </WerkgeverPage>,
        );
      });
    },
  };
}
