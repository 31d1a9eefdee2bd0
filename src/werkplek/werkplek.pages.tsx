import { access } from '../auth/roles.js';
import type { PageArea } from '../pages/pages.plugin.js';
import { rekentoolPages } from '../rekentool/rekentool.pages.js';
import { beheerPages } from './beheer.pages.js';
import { growthPlanPagesForStaff } from './groeiplannen.pages.js';
import { assessmentPages, intakePages } from './kandidaat-intake.pages.js';
import { candidatePages } from './kandidaten.pages.js';
import { myWorkPages } from './mijn-werk.pages.js';
import { placementPages } from './plaatsingen.pages.js';
import { shortlistPages } from './shortlists.pages.js';
import { vacancyPages } from './vacatures.pages.js';
import { employerPagesForStaff } from './werkgevers.pages.js';
import type { WerkplekDeps } from './werkplek.deps.js';

export type { WerkplekDeps } from './werkplek.deps.js';

/** The werkplek: staff pages over the same services as the staff API (issue 14). */
export function werkplekPages(deps: WerkplekDeps): PageArea {
  return {
    prefix: '/werkplek',
    roles: access.staff,
    views: {
      vacancy: (id) => `/werkplek/vacatures/${id}`,
      candidate: (id) => `/werkplek/kandidaten/${id}`,
      shortlist: (id) => `/werkplek/shortlists/${id}`,
      placement: (id) => `/werkplek/plaatsingen/${id}`,
      employer: (id) => `/werkplek/werkgevers/${id}`,
      'growth-plan': (id) => `/werkplek/groeiplannen/${id}`,
    },
    routes: async (app) => {
      await app.register(myWorkPages, deps);
      await app.register(vacancyPages, deps);
      await app.register(candidatePages, deps);
      await app.register(intakePages, deps);
      await app.register(assessmentPages, deps);
      await app.register(shortlistPages, deps);
      await app.register(placementPages, deps);
      await app.register(beheerPages, deps);
      await app.register(employerPagesForStaff, deps);
      await app.register(growthPlanPagesForStaff, deps);
      await app.register(rekentoolPages, { rekentool: deps.services.rekentool, db: deps.db });
    },
  };
}
