import { Layout, type NavItem, type PageContext } from '../pages/components.js';
import { h, type Child, type Html } from '../pages/jsx.js';

/** The jobseeker's menu: short words, so that it fits a phone. */
export const MIJN_NAV: NavItem[] = [
  { href: '/mijn', label: 'Wat wij weten' },
  { href: '/mijn/vacatures', label: 'Vacatures' },
  { href: '/mijn/toestemmingen', label: 'Toestemmingen' },
  { href: '/mijn/wensen', label: 'Wensen doorgeven' },
];

/** A page of the jobseeker's own: the shared layout with their menu. */
export function MijnPage({ ctx, title, children }: { ctx: PageContext; title: string; children?: Child }): Html {
  return (
    <Layout ctx={ctx} title={title} nav={MIJN_NAV}>
      {children}
    </Layout>
  );
}
