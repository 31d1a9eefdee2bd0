import type { PageRole } from '../auth/roles.js';
import { Layout, type NavItem, type PageContext } from '../pages/components.js';
import { h, type Child, type Html } from '../pages/jsx.js';

/** The werkplek's menu; Beheer only for admins. */
export function werkplekNav(role: PageRole | undefined): NavItem[] {
  const items: NavItem[] = [
    { href: '/werkplek', label: 'Mijn werk' },
    { href: '/werkplek/kandidaten', label: 'Kandidaten' },
    { href: '/werkplek/vacatures', label: 'Vacatures' },
    { href: '/werkplek/shortlists', label: 'Shortlists' },
    { href: '/werkplek/plaatsingen', label: 'Plaatsingen' },
    { href: '/werkplek/werkgevers', label: 'Werkgevers' },
  ];
  if (role === 'admin') items.push({ href: '/werkplek/beheer', label: 'Beheer' });
  return items;
}

/** A werkplek page: the shared layout with the werkplek menu. */
export function WerkplekPage({ ctx, title, children }: { ctx: PageContext; title: string; children?: Child }): Html {
  return (
    <Layout ctx={ctx} title={title} nav={werkplekNav(ctx.principal?.role)}>
      {children}
    </Layout>
  );
}
