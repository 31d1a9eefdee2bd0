import type { Db } from '../../db/client.js';
import type { Services } from '../services.js';
import { access } from '../auth/roles.js';
import { Heading, Link, Paragraph } from '../pages/components.js';
import { h } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute, type PageArea } from '../pages/pages.plugin.js';
import { rekentoolPages } from '../rekentool/rekentool.pages.js';
import { candidatePages } from './kandidaten.pages.js';
import { shortlistPages } from './shortlists.pages.js';
import { vacancyPages } from './vacatures.pages.js';
import { WerkplekPage } from './werkplek.layout.js';

/** The werkplek: staff pages over the same services as the staff API (issue 14). */
export function werkplekPages(deps: { db: Db; services: Services }): PageArea {
  return {
    prefix: '/werkplek',
    roles: access.staff,
    views: {
      vacancy: (id) => `/werkplek/vacatures/${id}`,
      candidate: (id) => `/werkplek/kandidaten/${id}`,
      shortlist: (id) => `/werkplek/shortlists/${id}`,
    },
    routes: async (app) => {
      await app.register(vacancyPages, deps);
      await app.register(candidatePages, deps);
      await app.register(shortlistPages, deps);
      await app.register(rekentoolPages, { rekentool: deps.services.rekentool });
      app.get('/', pageRoute({ access: access.staff }), async (request, reply) => {
        const ctx = pageOf(request);
        const principal = apiPrincipalOf(request);
        const [drafts, sent, placements, caseload] = await Promise.all([
          deps.services.shortlists.list(principal, { status: 'draft', limit: 20 }),
          deps.services.shortlists.list(principal, { status: 'sent', limit: 20 }),
          deps.services.placements.list(principal, { status: 'active', limit: 20 }),
          principal.role === 'account_manager'
            ? deps.services.search.searchCandidates(principal, { accountManagerId: ['me'], limit: 1, offset: 0, sort: 'relevance' }).catch(() => null)
            : Promise.resolve(null),
        ]);
        return reply.html(
          <WerkplekPage ctx={ctx} title="Mijn werk">
            <Heading>Mijn werk</Heading>
            <Paragraph>Goedendag, {ctx.principal?.name}. Dit staat vandaag voor u klaar.</Paragraph>
            {caseload ? (
              <Paragraph>
                <Link href="/werkplek/kandidaten?accountManagerId=me">Mijn kandidaten ({caseload.total})</Link>
              </Paragraph>
            ) : null}
            <section class="kansrijk-stack">
              <Heading level={2}>Shortlists om af te maken en goed te keuren</Heading>
              {drafts.items.length === 0 ? <Paragraph>Geen shortlists in concept.</Paragraph> : null}
              <ul class="utrecht-unordered-list">
                {drafts.items.map((item) => (
                  <li class="utrecht-unordered-list__item">
                    <Link href={`/werkplek/shortlists/${item.id}`}>{item.vacancy.title}</Link>: {item.candidates} kandidaten
                  </li>
                ))}
              </ul>
            </section>
            <section class="kansrijk-stack">
              <Heading level={2}>Verstuurde shortlists: antwoorden van werkgevers</Heading>
              {sent.items.length === 0 ? <Paragraph>Geen verstuurde shortlists.</Paragraph> : null}
              <ul class="utrecht-unordered-list">
                {sent.items.map((item) => (
                  <li class="utrecht-unordered-list__item">
                    <Link href={`/werkplek/shortlists/${item.id}`}>{item.vacancy.title}</Link>: {item.candidates} kandidaten, verstuurd {item.sentAt ? item.sentAt.slice(0, 10) : ''}
                  </li>
                ))}
              </ul>
            </section>
            <section class="kansrijk-stack">
              <Heading level={2}>Lopende plaatsingen</Heading>
              {placements.items.length === 0 ? <Paragraph>Geen lopende plaatsingen.</Paragraph> : null}
              <ul class="utrecht-unordered-list">
                {placements.items.map((item) => (
                  <li class="utrecht-unordered-list__item">
                    {item.vacancy.title} bij {item.employer.name}, gestart {item.startDate}, {item.hoursPerWeek} uur per week
                  </li>
                ))}
              </ul>
            </section>
          </WerkplekPage>,
        );
      });
    },
  };
}
