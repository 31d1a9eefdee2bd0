import type { Db } from '../../db/client.js';
import type { Services } from '../app.js';
import { access } from '../auth/roles.js';
import { Heading, Paragraph } from '../pages/components.js';
import { h } from '../pages/jsx.js';
import { pageOf, pageRoute, type PageArea } from '../pages/pages.plugin.js';
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
      app.get('/', pageRoute({ access: access.staff }), async (request, reply) => {
        const ctx = pageOf(request);
        return reply.html(
          <WerkplekPage ctx={ctx} title="Mijn werk">
            <Heading>Mijn werk</Heading>
            <Paragraph>Goedemorgen, {ctx.principal?.name}.</Paragraph>
          </WerkplekPage>,
        );
      });
    },
  };
}
