import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { access } from '../auth/roles.js';
import { Button, Heading, Link, Paragraph } from '../pages/components.js';
import { h, raw, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { fairnessReportBody, impactReportBody } from '../reports/reports.pages.js';
import { fairnessQuerySchema, impactQuerySchema } from '../reports/reports.schemas.js';
import { BEHEER, withoutEmpty } from './beheer.shared.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { ErrorSummary, fieldErrors, InputField, SelectField } from './werkplek.forms.js';
import { WerkplekPage } from './werkplek.layout.js';

type Ctx = ReturnType<typeof pageOf>;

/** The period form sends empty fields; the reports' own schemas check what is given. */
const periodQuery = z.object({ from: z.string().max(40).optional(), to: z.string().max(40).optional(), groupBy: z.string().max(20).optional() });
type PeriodQuery = z.infer<typeof periodQuery>;
const PERIOD_NAMES = { from: 'Vanaf', to: 'Tot en met', groupBy: 'Per' };

function PeriodForm({ action, query, errors, impact }: { action: string; query: PeriodQuery; errors: Record<string, string>; impact?: boolean }): Html {
  return (
    <form method="get" action={action} class="kansrijk-stack kansrijk-narrow" aria-label="Periode kiezen">
      <ErrorSummary errors={errors} names={PERIOD_NAMES} />
      <InputField
        name="from"
        type="date"
        label="Vanaf"
        description="Leeg laten: de eerste van de maand, elf maanden geleden."
        value={query.from}
        error={errors.from}
      />
      <InputField name="to" type="date" label="Tot en met" description="Leeg laten: vandaag." value={query.to} error={errors.to} />
      {impact ? (
        <SelectField
          name="groupBy"
          label="Per"
          options={[
            { value: 'month', label: 'maand' },
            { value: 'quarter', label: 'kwartaal' },
          ]}
          value={query.groupBy ?? 'month'}
          error={errors.groupBy}
        />
      ) : null}
      <Button>Toon rapport</Button>
    </form>
  );
}

function ReportPage({ ctx, title, form, body }: { ctx: Ctx; title: string; form: Html; body: string | null }): Html {
  return (
    <WerkplekPage ctx={ctx} title={title}>
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link> › <Link href={`${BEHEER}/rapporten`}>Rapporten</Link>
      </Paragraph>
      {form}
      {/* The report's own HTML: built from escaped parts by src/reports (the same as the report page of the API). */}
      {body ? <div class="kansrijk-report">{raw(body)}</div> : <Heading>{title}</Heading>}
    </WerkplekPage>
  );
}

/** Beheer: the fairness and impact reports (issue 14.7), from the report service as the API (the fairness report is audited there). */
export async function beheerReportPages(app: FastifyInstance, { services }: WerkplekDeps) {
  app.get('/beheer/rapporten', pageRoute({ access: access.admin }), async (request, reply) =>
    reply.html(
      <WerkplekPage ctx={pageOf(request)} title="Rapporten">
        <Paragraph>
          <Link href={BEHEER}>Beheer</Link>
        </Paragraph>
        <Heading>Rapporten</Heading>
        <ul class="utrecht-unordered-list">
          <li class="utrecht-unordered-list__item">
            <Link href={`${BEHEER}/rapporten/eerlijkheid`}>Eerlijkheid</Link>: krijgen alle groepen even goede kansen bij rangschikken, shortlist, uitnodiging
            en aanname?
          </li>
          <li class="utrecht-unordered-list__item">
            <Link href={`${BEHEER}/rapporten/impact`}>Wat levert het op?</Link>: plaatsingen, wie na 1, 3 en 6 maanden nog werkt, redenen van uitval en de
            geschatte besparing.
          </li>
        </ul>
      </WerkplekPage>,
    ),
  );

  app.get('/beheer/rapporten/eerlijkheid', pageRoute({ access: access.admin, querystring: periodQuery }), async (request, reply) => {
    const query = request.query as PeriodQuery;
    const parsed = fairnessQuerySchema.safeParse(withoutEmpty({ from: query.from, to: query.to }));
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    const report = parsed.success ? await services.reports.fairness(apiPrincipalOf(request), parsed.data, 'nl') : null;
    const form = <PeriodForm action={`${BEHEER}/rapporten/eerlijkheid`} query={query} errors={errors} />;
    const body = report ? fairnessReportBody(report, { from: report.from, to: report.to, lang: 'nl' }) : null;
    return reply.html(<ReportPage ctx={pageOf(request)} title="Eerlijkheid" form={form} body={body} />, parsed.success ? 200 : 400);
  });

  app.get('/beheer/rapporten/impact', pageRoute({ access: access.admin, querystring: periodQuery }), async (request, reply) => {
    const query = request.query as PeriodQuery;
    const parsed = impactQuerySchema.safeParse(withoutEmpty({ from: query.from, to: query.to, groupBy: query.groupBy }));
    const errors = parsed.success ? {} : fieldErrors(parsed.error);
    const report = parsed.success ? await services.reports.impact(apiPrincipalOf(request), parsed.data, 'nl') : null;
    const form = <PeriodForm action={`${BEHEER}/rapporten/impact`} query={query} errors={errors} impact />;
    return reply.html(
      <ReportPage ctx={pageOf(request)} title="Wat levert het op?" form={form} body={report ? impactReportBody(report, { lang: 'nl' }) : null} />,
      parsed.success ? 200 : 400,
    );
  });
}
