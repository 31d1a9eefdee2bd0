import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AuditAction, AuditSubjectType } from '../audit/audit.js';
import { auditQuerySchema } from '../audit/audit.schemas.js';
import { access } from '../auth/roles.js';
import { Button, Heading, Link, Paragraph, TableScroll } from '../pages/components.js';
import { h } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { BEHEER, withoutEmpty } from './beheer.shared.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { ErrorSummary, fieldErrors, InputField, optionsOf, SelectField } from './werkplek.forms.js';
import { formatInstant, label } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

/** Every action of the audit log in plain Dutch (a Record over AuditAction: a new action must be named here). */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'special_category.read': 'bijzondere gegevens bekeken',
  'special_category.write': 'bijzondere gegevens vastgelegd',
  'candidate.export': 'inzage: alle gegevens van iemand opgevraagd',
  'candidate.erase': 'iemand verwijderd',
  'weights.change': 'gewichten van de rangschikking gewijzigd',
  'weights.what_if': 'andere gewichten doorgerekend op eerdere rangschikkingen',
  'placement.check_in': 'check-in van de werkgever vastgelegd',
  'settings.change': 'instellingen gewijzigd',
  'shortlist.send': 'shortlist verstuurd',
  'shortlist.feedback': 'antwoord van een werkgever',
  'shortlist.pitch_override': 'uitzondering voor een tekst met waarschuwing',
  'placement.follow_up': 'gesprek na plaatsing vastgelegd',
  'placement.create': 'plaatsing vastgelegd',
  'candidate.change': 'gegevens van een kandidaat gewijzigd',
  'shortlist.change': 'shortlist gewijzigd',
  'employer.change': 'werkgever of locatie gewijzigd',
  'vacancy.change': 'vacature gewijzigd',
  'growth_plan.change': 'groeiplan gewijzigd',
  'digest_subscription.change': 'overzicht per e-mail gewijzigd',
  'user.create': 'gebruiker toegevoegd',
  'user.update': 'gebruiker gewijzigd',
  'token.issue': 'token gemaakt',
  'token.revoke': 'token ingetrokken',
  'search.bulk': 'veel kandidaten tegelijk gezocht',
  'audit_attributes.write': 'kenmerken voor de eerlijkheidscontrole vastgelegd',
  'report.fairness': 'eerlijkheidsrapport bekeken',
  'retention.purge': 'gegevens verwijderd na de bewaartermijn',
  'rekentool.calculate': 'rekentool gebruikt',
  'rekentool.rules_change': 'rekenregels van de rekentool gewijzigd',
  'rekentool.household_change': 'woonsituatie voor de rekentool gewijzigd',
  'taxonomy.labels_change': 'eigen woorden voor een vaardigheid gewijzigd',
  'consent.withdraw': 'toestemming ingetrokken door de persoon zelf',
  'jobseeker.sign_in_code': 'inlogcode voor een werkzoekende gemaakt',
};

/** What a row is about, in plain Dutch (a Record over AuditSubjectType: a new kind must be named here). */
export const AUDIT_SUBJECT_LABELS: Record<AuditSubjectType, string> = {
  candidate: 'kandidaat',
  shortlist: 'shortlist',
  shortlist_candidate: 'kandidaat op een shortlist',
  vacancy: 'vacature',
  employer: 'werkgever',
  growth_plan: 'groeiplan',
  placement: 'plaatsing',
  user: 'gebruiker',
  api_token: 'token',
  tenant: 'Werkplein',
  match_weights: 'gewichten van de rangschikking',
  digest_subscription: 'overzicht per e-mail',
  taxonomy_skill: 'vaardigheid',
  income_rule_set: 'rekenregels',
};

const PAGE_SIZE = 50;

/** The query as the filter form sends it: every field may be empty. */
const filterQuery = z.object({
  action: z.string().max(100).optional(),
  subjectType: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  actorUserId: z.string().max(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  cursor: z.string().max(200).optional(),
});
type FilterQuery = z.infer<typeof filterQuery>;

const FILTER_NAMES = { action: 'Wat', subjectType: 'Waarover', subjectId: 'Id', actorUserId: 'Door wie', from: 'Vanaf', to: 'Tot en met', cursor: 'Pagina' };

/**
 * What a row's details say, in one line: ids and codes only (the log keeps no personal values),
 * shown as the technical data they are.
 */
function detailsText(details: Record<string, unknown>): string {
  const text = Object.entries(details)
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** Beheer: the audit log with filters and paging (issue 14.7), through the same service as GET /v1/audit. */
export async function beheerAuditPages(app: FastifyInstance, { services }: WerkplekDeps) {
  app.get('/beheer/audit', pageRoute({ access: access.admin, querystring: filterQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const principal = apiPrincipalOf(request);
    const query = request.query as FilterQuery;
    const filters = withoutEmpty({ ...query, cursor: undefined });
    const parsed = auditQuerySchema.safeParse({ ...filters, ...(query.cursor ? { cursor: query.cursor } : {}), limit: PAGE_SIZE });
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    const page = parsed.success ? await services.audit.list(principal, parsed.data) : { items: [], nextCursor: null };
    const users = await services.users.list(principal);
    const next = page.nextCursor
      ? `${BEHEER}/audit?${new URLSearchParams({ ...(filters as Record<string, string>), cursor: page.nextCursor }).toString()}`
      : null;
    return reply.html(
      <WerkplekPage ctx={ctx} title="Auditlog">
        <Paragraph>
          <Link href={BEHEER}>Beheer</Link>
        </Paragraph>
        <Heading>Auditlog</Heading>
        <Paragraph>
          Wat mensen met gegevens deden: bekijken van bijzondere gegevens, wijzigingen, versturen, inzage en verwijderen. Het nieuwste staat bovenaan. Niemand
          kan deze lijst wijzigen.
        </Paragraph>
        <form method="get" action={`${BEHEER}/audit`} class="kansrijk-stack kansrijk-narrow" aria-label="Filteren">
          <ErrorSummary errors={errors} names={FILTER_NAMES} />
          <SelectField name="action" label="Wat" empty="Alles" options={optionsOf(AUDIT_ACTION_LABELS)} value={query.action} error={errors.action} />
          <SelectField
            name="actorUserId"
            label="Door wie"
            empty="Iedereen"
            options={users.map((user) => ({ value: user.id, label: user.name }))}
            value={query.actorUserId}
            error={errors.actorUserId}
          />
          <SelectField
            name="subjectType"
            label="Waarover"
            empty="Alles"
            options={optionsOf(AUDIT_SUBJECT_LABELS)}
            value={query.subjectType}
            error={errors.subjectType}
          />
          <InputField name="subjectId" label="Id van waar het over gaat" value={query.subjectId} error={errors.subjectId} />
          <InputField name="from" type="date" label="Vanaf" value={query.from} error={errors.from} />
          <InputField name="to" type="date" label="Tot en met" value={query.to} error={errors.to} />
          <Button>Filteren</Button>
        </form>
        <TableScroll>
          <table class="utrecht-table utrecht-table--html-table">
            <caption class="utrecht-table__caption">
              {page.items.length === 0 ? 'Geen regels gevonden' : `${page.items.length} regels${query.cursor ? ' (verder in de lijst)' : ''}`}
            </caption>
            <thead class="utrecht-table__header">
              <tr class="utrecht-table__row">
                <th class="utrecht-table__header-cell" scope="col">
                  Wanneer
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Wie
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Wat
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Waarover
                </th>
                <th class="utrecht-table__header-cell" scope="col">
                  Reden en details
                </th>
              </tr>
            </thead>
            <tbody class="utrecht-table__body">
              {page.items.map((item) => (
                <tr class="utrecht-table__row">
                  <td class="utrecht-table__cell">{formatInstant(item.at)}</td>
                  <td class="utrecht-table__cell">{item.actor ? (item.actor.name ?? 'verwijderde gebruiker') : 'het systeem'}</td>
                  <td class="utrecht-table__cell">{label(AUDIT_ACTION_LABELS, item.action)}</td>
                  <td class="utrecht-table__cell kansrijk-break">
                    {label(AUDIT_SUBJECT_LABELS, item.subjectType)}
                    {item.subjectId ? ` ${item.subjectId}` : ''}
                  </td>
                  <td class="utrecht-table__cell kansrijk-break">
                    {item.reason ? `Reden: ${item.reason}. ` : ''}
                    {Object.keys(item.details).length > 0 ? <code>{detailsText(item.details)}</code> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
        {next ? (
          <Paragraph>
            <Link href={next}>Volgende {PAGE_SIZE} regels</Link>
          </Paragraph>
        ) : null}
      </WerkplekPage>,
      parsed.success ? 200 : 400,
    );
  });
}
