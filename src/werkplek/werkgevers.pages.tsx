import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { access } from '../auth/roles.js';
import { employerProblems } from '../employers/employers.errors.js';
import {
  createEmployerBodySchema,
  createLocationBodySchema,
  SECTORS,
  updateEmployerBodySchema,
  updateLocationBodySchema,
  type EmployerView,
  type LocationView,
} from '../employers/employers.schemas.js';
import type { GrowthPlanView } from '../growth-plans/growth-plans.schemas.js';
import { ProblemError, renderProblem } from '../http/problems.js';
import { sectorName } from '../matching/matcher.messages.js';
import { Alert, Button, Heading, Link, type PageContext, Paragraph, PostForm, TableScroll, TextField } from '../pages/components.js';
import { Fragment, h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import type { Services } from '../services.js';
import { createVacancyForm, vacancyFormBody } from '../werkgever/vacatures.pages.js';
import { emptyVacancyForm, vacancyFormOf } from '../werkgever/vacancy.form.js';
import { vacancyProblems } from '../vacancies/vacancies.errors.js';
import type { VacancyView } from '../vacancies/vacancies.schemas.js';
import { csrfField, ErrorSummary, fieldErrors, formText, InputField, SelectField, TextareaField } from './werkplek.forms.js';
import { formatDate, label, STATUS_LABELS } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

/*
 * Werkgevers (issue 14, page 6): employers and their locations, their vacancies and growth plans
 * with the pipeline per role (each plan links to its own page, groeiplannen.pages.tsx). Everyone on
 * the werkplek reads (as GET /v1/employers); employer relations staff and admins register employers,
 * add, change and remove locations (as the API's writes, through the same services, audited as employer.change).
 */

type Deps = { db: Db; services: Services; clock: Clock };
const idParams = z.object({ id: z.uuid() });
const sectorOptions = SECTORS.map((sector) => ({ value: sector, label: sectorName(sector, 'nl') }));
const FIELD_NAMES: Record<string, string> = {
  name: 'Naam',
  sector: 'Sector',
  kvkNumber: 'KvK-nummer',
  postcode: 'Postcode',
  street: 'Straat',
  houseNumber: 'Huisnummer',
  description: 'Wat doet het bedrijf',
  website: 'Website',
};

const POSTCODE_UNKNOWN = 'Deze postcode kennen we niet. Kijk of hij klopt.';

const canWrite = (ctx: PageContext) => (access.employerStaff as readonly string[]).includes(ctx.principal?.role ?? '');

function EmployerForm({
  ctx,
  values = {},
  errors = {},
  employerId,
}: {
  ctx: PageContext;
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
  employerId?: string;
}): Html {
  const title = employerId ? `${values.currentName ?? 'Werkgever'}: gegevens wijzigen` : 'Nieuwe werkgever';
  const form = (
    <PostForm ctx={ctx} action={employerId ? `/werkplek/werkgevers/${employerId}/bewerken` : '/werkplek/werkgevers'} className="kansrijk-stack kansrijk-narrow">
      {employerId ? <input type="hidden" name="currentName" value={values.currentName ?? ''} /> : null}
      <InputField name="name" label="Naam van het bedrijf" value={values.name} error={errors.name} required />
      <SelectField name="sector" label="Sector" options={sectorOptions} value={values.sector} empty="Kies een sector" error={errors.sector} />
      <InputField
        name="kvkNumber"
        label="KvK-nummer (niet verplicht)"
        value={values.kvkNumber}
        error={errors.kvkNumber}
        description="8 cijfers"
        inputmode="numeric"
      />
      {employerId ? (
        <Fragment>
          <TextareaField
            name="description"
            label="Wat doet het bedrijf? (niet verplicht)"
            value={values.description}
            error={errors.description}
            description="In gewone woorden, voor klantmanagers en kandidaten."
          />
          <InputField
            name="website"
            label="Website (niet verplicht)"
            value={values.website}
            error={errors.website}
            description="Bijvoorbeeld https://www.voorbeeld.nl"
          />
        </Fragment>
      ) : null}
      <Button>Werkgever opslaan</Button>
    </PostForm>
  );
  return (
    <WerkplekPage ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Fout: ' : ''}${title}`}>
      {employerId ? (
        <Paragraph>
          <Link href={`/werkplek/werkgevers/${employerId}`}>Terug naar {values.currentName ?? 'de werkgever'}</Link>
        </Paragraph>
      ) : null}
      <Heading>{title}</Heading>
      <ErrorSummary errors={errors} names={FIELD_NAMES} hrefOf={(path) => `#veld-${path.split('.')[0]}`} form={form} />
      {form}
    </WerkplekPage>
  );
}

/** Change a location (werkgeversdienstverlener): the same fields as adding one. */
function LocationEditPage({
  ctx,
  employer,
  locationId,
  values,
  errors = {},
}: {
  ctx: PageContext;
  employer: EmployerView;
  locationId: string;
  values: Record<string, string | undefined>;
  errors?: Record<string, string>;
}): Html {
  const title = `Locatie ${values.currentName ?? ''} wijzigen`;
  const form = (
    <PostForm ctx={ctx} action={`/werkplek/werkgevers/${employer.id}/locaties/${locationId}/bewerken`} className="kansrijk-stack kansrijk-narrow">
      <input type="hidden" name="currentName" value={values.currentName ?? ''} />
      <LocationFields values={values} errors={errors} />
      <Button>Locatie opslaan</Button>
    </PostForm>
  );
  return (
    <WerkplekPage ctx={ctx} title={`${Object.keys(errors).length > 0 ? 'Fout: ' : ''}${title}`}>
      <Paragraph>
        <Link href={`/werkplek/werkgevers/${employer.id}`}>Terug naar {employer.name}</Link>
      </Paragraph>
      <Heading>{title}</Heading>
      <ErrorSummary errors={errors} names={FIELD_NAMES} hrefOf={(path) => `#${path === 'name' ? 'locatie-naam' : `veld-${path.split('.')[0]}`}`} form={form} />
      {form}
    </WerkplekPage>
  );
}

/**
 * Remove a location (werkgeversdienstverlener): a page that asks first, and names the vacancies and
 * growth plans that still use the location; the service decides (location_in_use), and its message
 * is shown here when it refuses.
 */
function LocationDeletePage({
  ctx,
  employer,
  place,
  usedBy,
  refusal,
}: {
  ctx: PageContext;
  employer: EmployerView;
  place: LocationView;
  usedBy: { vacancies: VacancyView[]; plans: GrowthPlanView[] };
  refusal?: string;
}): Html {
  const title = `Locatie ${place.name} verwijderen`;
  const address = [[place.street, place.houseNumber].filter(Boolean).join(' '), place.postcode, place.city].filter(Boolean).join(', ');
  const inUse = usedBy.vacancies.length + usedBy.plans.length > 0;
  return (
    <WerkplekPage ctx={ctx} title={`${refusal ? 'Fout: ' : ''}${title}`}>
      <Paragraph>
        <Link href={`/werkplek/werkgevers/${employer.id}`}>Terug naar {employer.name}</Link>
      </Paragraph>
      <Heading>{title}</Heading>
      {refusal ? (
        <Alert type="error" focus>
          <Paragraph>De locatie is niet verwijderd. {refusal}</Paragraph>
        </Alert>
      ) : null}
      <Paragraph>
        Locatie {place.name}: {address}.
      </Paragraph>
      {inUse ? (
        <section class="kansrijk-stack" aria-labelledby="kop-in-gebruik">
          <Heading level={2}>
            <span id="kop-in-gebruik">Hier hoort de locatie nog bij</span>
          </Heading>
          <ul class="utrecht-unordered-list">
            {usedBy.vacancies.map((vacancy) => (
              <li class="utrecht-unordered-list__item">
                Vacature <Link href={`/werkplek/vacatures/${vacancy.id}`}>{vacancy.title}</Link> ({label(STATUS_LABELS, vacancy.status)})
                {vacancy.status === 'draft' || vacancy.status === 'open' ? (
                  <Fragment>
                    {' '}
                    (<Link href={`/werkplek/werkgevers/${employer.id}/vacatures/${vacancy.id}/bewerken`}>{`${vacancy.title} wijzigen`}</Link>)
                  </Fragment>
                ) : null}
              </li>
            ))}
            {usedBy.plans.map((plan) => (
              <li class="utrecht-unordered-list__item">Groeiplan {plan.name}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <Paragraph>Weet je zeker dat je deze locatie wilt verwijderen? Dat kun je niet ongedaan maken.</Paragraph>
      <PostForm ctx={ctx} action={`/werkplek/werkgevers/${employer.id}/locaties/${place.id}/verwijderen`} className="kansrijk-stack kansrijk-narrow">
        <div class="kansrijk-actions">
          <Button>Ja, verwijder {place.name}</Button>
        </div>
      </PostForm>
      <Paragraph>
        <Link href={`/werkplek/werkgevers/${employer.id}`}>Nee, niet verwijderen</Link>
      </Paragraph>
    </WerkplekPage>
  );
}

function LocationFields({ values, errors }: { values: Record<string, string | undefined>; errors: Record<string, string> }): Html {
  return (
    <Fragment>
      <InputField name="name" id="locatie-naam" label="Naam van de locatie" value={values.name} error={errors.name} required />
      <InputField name="street" label="Straat (niet verplicht)" value={values.street} error={errors.street} />
      <InputField name="houseNumber" label="Huisnummer (niet verplicht)" value={values.houseNumber} error={errors.houseNumber} />
      <InputField name="postcode" label="Postcode" value={values.postcode} error={errors.postcode} description="Bijvoorbeeld 5047 AB of 5047" required />
    </Fragment>
  );
}

function LocationForm({
  ctx,
  employerId,
  values = {},
  errors = {},
}: {
  ctx: PageContext;
  employerId: string;
  values?: Record<string, string | undefined>;
  errors?: Record<string, string>;
}): Html {
  return (
    <section class="kansrijk-stack" aria-labelledby="locatie-toevoegen">
      <h2 class="utrecht-heading-2" id="locatie-toevoegen">
        Locatie toevoegen
      </h2>
      <ErrorSummary errors={errors} names={FIELD_NAMES} />
      <PostForm ctx={ctx} action={`/werkplek/werkgevers/${employerId}/locaties`} className="kansrijk-stack kansrijk-narrow">
        <LocationFields values={values} errors={errors} />
        <Button>Locatie opslaan</Button>
      </PostForm>
    </section>
  );
}

export async function employerPagesForStaff(app: FastifyInstance, { db, services, clock }: Deps) {
  const listQuery = z.object({ q: z.string().trim().max(100).optional() });
  app.get('/werkgevers', pageRoute({ access: access.staff, querystring: listQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const { q } = request.query as z.infer<typeof listQuery>;
    const page = await services.employers.list(apiPrincipalOf(request), { q: q || undefined, limit: 100 });
    return reply.html(
      <WerkplekPage ctx={ctx} title="Werkgevers">
        <Heading>Werkgevers</Heading>
        {canWrite(ctx) ? (
          <Paragraph>
            <Link href="/werkplek/werkgevers/nieuw">Nieuwe werkgever</Link>
          </Paragraph>
        ) : null}
        <form method="get" action="/werkplek/werkgevers" class="kansrijk-stack kansrijk-narrow" role="search">
          <TextField name="q" label="Zoek op naam" type="search" value={q} />
          <Button variant="secondary">Zoeken</Button>
        </form>
        <Paragraph>
          {page.items.length} werkgevers{q ? ` met "${q}" in de naam` : ''}.
        </Paragraph>
        <ul class="utrecht-unordered-list">
          {page.items.map((employer) => (
            <li class="utrecht-unordered-list__item">
              <Link href={`/werkplek/werkgevers/${employer.id}`}>{employer.name}</Link> ({sectorName(employer.sector, 'nl')})
            </li>
          ))}
        </ul>
      </WerkplekPage>,
    );
  });

  app.get('/werkgevers/nieuw', pageRoute({ access: access.employerStaff }), async (request, reply) => reply.html(<EmployerForm ctx={pageOf(request)} />));

  const employerBody = z.object({
    ...csrfField,
    name: z.string().max(1000).default(''),
    sector: z.string().max(100).default(''),
    kvkNumber: z.string().max(100).optional(),
  });
  app.post('/werkgevers', pageRoute({ access: access.employerStaff, body: employerBody }), async (request, reply) => {
    const ctx = pageOf(request);
    const { _csrf, ...values } = request.body as z.infer<typeof employerBody>;
    const parsed = createEmployerBodySchema.safeParse({
      name: values.name.trim(),
      sector: values.sector || undefined,
      kvkNumber: values.kvkNumber?.trim() || undefined,
    });
    if (!parsed.success) return reply.html(<EmployerForm ctx={ctx} values={values} errors={fieldErrors(parsed.error)} />, 422);
    const employer = await db.transaction((tx) => services.employers.create(tx, apiPrincipalOf(request), parsed.data));
    return reply.redirect(`/werkplek/werkgevers/${employer.id}`, 303);
  });

  async function employerPage(
    ctx: PageContext,
    employer: EmployerView,
    request: Parameters<typeof apiPrincipalOf>[0],
    location?: { values: Record<string, string | undefined>; errors: Record<string, string> },
    notice?: string,
  ) {
    const principal = apiPrincipalOf(request);
    const [locations, vacancies, plans] = await Promise.all([
      services.employers.listLocations(principal, employer.id),
      services.vacancies.list(principal, { employerId: employer.id, limit: 100 }),
      services.growthPlans.listForEmployer(principal, employer.id),
    ]);
    // The pipeline per role: candidates on shortlists of the vacancy drafted from the role, per stage.
    const pipelines = new Map<string, { preparing: number; sent: number }>();
    for (const role of plans.flatMap((plan) => plan.roles)) {
      if (!role.vacancyId) continue;
      const lists = await services.shortlists.listForVacancy(principal, role.vacancyId, { limit: 100 });
      const count = (sent: boolean) => lists.items.filter((list) => (list.sentAt !== null) === sent).reduce((sum, list) => sum + list.candidates, 0);
      pipelines.set(role.id, { preparing: count(false), sent: count(true) });
    }
    return (
      <WerkplekPage ctx={ctx} title={employer.name}>
        <Heading>{employer.name}</Heading>
        {notice ? (
          <Alert type="ok">
            <Paragraph>{notice}</Paragraph>
          </Alert>
        ) : null}
        <Paragraph>
          Sector: {sectorName(employer.sector, 'nl')}
          {employer.kvkNumber ? `. KvK-nummer: ${employer.kvkNumber}` : ''}.
        </Paragraph>
        {employer.description ? <Paragraph>{employer.description}</Paragraph> : null}
        {employer.website ? <Paragraph>Website: {employer.website}</Paragraph> : null}
        {canWrite(ctx) ? (
          <Paragraph>
            <Link href={`/werkplek/werkgevers/${employer.id}/bewerken`}>Gegevens van {employer.name} wijzigen</Link>
          </Paragraph>
        ) : null}

        <Heading level={2}>Locaties</Heading>
        {locations.length === 0 ? <Paragraph>Nog geen locaties.</Paragraph> : null}
        <ul class="utrecht-unordered-list">
          {locations.map((place) => (
            <li class="utrecht-unordered-list__item">
              {place.name}: {[place.street, place.houseNumber].filter(Boolean).join(' ')} {place.postcode} {place.city}
              {canWrite(ctx) ? (
                <Fragment>
                  {' '}
                  (<Link href={`/werkplek/werkgevers/${employer.id}/locaties/${place.id}/bewerken`}>{`${place.name} wijzigen`}</Link>,{' '}
                  <Link href={`/werkplek/werkgevers/${employer.id}/locaties/${place.id}/verwijderen`}>{`${place.name} verwijderen`}</Link>)
                </Fragment>
              ) : null}
            </li>
          ))}
        </ul>
        {canWrite(ctx) ? <LocationForm ctx={ctx} employerId={employer.id} values={location?.values} errors={location?.errors} /> : null}

        <Heading level={2}>Vacatures</Heading>
        {canWrite(ctx) ? (
          <Paragraph>
            <Link href={`/werkplek/werkgevers/${employer.id}/vacatures/nieuw`}>Nieuwe vacature voor deze werkgever</Link>
          </Paragraph>
        ) : null}
        {vacancies.items.length === 0 ? <Paragraph>Nog geen vacatures.</Paragraph> : null}
        <ul class="utrecht-unordered-list">
          {vacancies.items.map((vacancy) => (
            <li class="utrecht-unordered-list__item">
              <Link href={`/werkplek/vacatures/${vacancy.id}`}>{vacancy.title}</Link> ({label(STATUS_LABELS, vacancy.status)}, {vacancy.location.city})
              {canWrite(ctx) ? (
                <Fragment>
                  {' '}
                  (<Link href={`/werkplek/werkgevers/${employer.id}/vacatures/${vacancy.id}/bewerken`}>{`${vacancy.title} wijzigen`}</Link>)
                </Fragment>
              ) : null}
            </li>
          ))}
        </ul>

        <Heading level={2}>Groeiplannen</Heading>
        {canWrite(ctx) ? (
          <Paragraph>
            <Link href={`/werkplek/werkgevers/${employer.id}/groeiplannen/nieuw`}>Nieuw groeiplan voor deze werkgever</Link>
          </Paragraph>
        ) : null}
        {plans.length === 0 ? <Paragraph>Geen groeiplannen.</Paragraph> : null}
        {plans.map((plan) => (
          <section class="kansrijk-stack">
            <Heading level={3}>
              <Link href={`/werkplek/groeiplannen/${plan.id}`}>{plan.name}</Link> ({plan.totalHeadcount} mensen)
            </Heading>
            <TableScroll>
              <table class="utrecht-table utrecht-table--html-table">
                <caption class="utrecht-table__caption">Rollen en hoe ver de werving is</caption>
                <thead class="utrecht-table__header">
                  <tr class="utrecht-table__row">
                    <th class="utrecht-table__header-cell" scope="col">
                      Rol
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Nodig
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Voorbereiden vanaf
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Start
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Vacature
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Op shortlist in voorbereiding
                    </th>
                    <th class="utrecht-table__header-cell" scope="col">
                      Voorgesteld aan werkgever
                    </th>
                  </tr>
                </thead>
                <tbody class="utrecht-table__body">
                  {plan.roles.map((role) => {
                    const pipeline = pipelines.get(role.id);
                    return (
                      <tr class="utrecht-table__row">
                        <th class="utrecht-table__header-cell" scope="row">
                          {role.title}
                        </th>
                        <td class="utrecht-table__cell">{role.headcount}</td>
                        <td class="utrecht-table__cell">{role.prepareFrom}</td>
                        <td class="utrecht-table__cell">{formatDate(role.expectedDate)}</td>
                        <td class="utrecht-table__cell">
                          {role.vacancyId ? <Link href={`/werkplek/vacatures/${role.vacancyId}`}>Bekijk vacature</Link> : 'nog niet'}
                        </td>
                        <td class="utrecht-table__cell">{pipeline?.preparing ?? 0}</td>
                        <td class="utrecht-table__cell">{pipeline?.sent ?? 0}</td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </TableScroll>
          </section>
        ))}
      </WerkplekPage>
    );
  }

  // `?verwijderd=locatie`: a location was just removed, said once at the top (a fixed text: a link cannot put words on the page).
  const employerQuery = z.object({ verwijderd: z.enum(['locatie']).optional().catch(undefined) });
  app.get('/werkgevers/:id', pageRoute({ access: access.staff, params: idParams, querystring: employerQuery }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const { verwijderd } = request.query as z.infer<typeof employerQuery>;
    const employer = await services.employers.get(apiPrincipalOf(request), id);
    const notice = verwijderd ? 'De locatie is verwijderd.' : undefined;
    return reply.html(await employerPage(pageOf(request), employer, request, undefined, notice));
  });

  const locationBody = z.object({
    ...csrfField,
    name: z.string().max(1000).default(''),
    street: z.string().max(1000).optional(),
    houseNumber: z.string().max(100).optional(),
    postcode: z.string().max(100).default(''),
  });
  app.post('/werkgevers/:id/locaties', pageRoute({ access: access.employerStaff, params: idParams, body: locationBody }), async (request, reply) => {
    const ctx = pageOf(request);
    const { id } = request.params as z.infer<typeof idParams>;
    const { _csrf, ...values } = request.body as z.infer<typeof locationBody>;
    const employer = await services.employers.get(apiPrincipalOf(request), id);
    const text = formText(200);
    const parsed = createLocationBodySchema.safeParse({
      name: values.name.trim(),
      street: text.parse(values.street ?? ''),
      houseNumber: text.parse(values.houseNumber ?? ''),
      postcode: values.postcode,
    });
    if (!parsed.success) return reply.html(await employerPage(ctx, employer, request, { values, errors: fieldErrors(parsed.error) }), 422);
    try {
      await db.transaction((tx) => services.employers.createLocation({ tx, principal: apiPrincipalOf(request), employerId: id, body: parsed.data }));
    } catch (error) {
      // A postcode we do not know: said on the form, with what was typed kept.
      if (error instanceof ProblemError && error.spec === employerProblems.postcode_unknown) {
        return reply.html(await employerPage(ctx, employer, request, { values, errors: { postcode: POSTCODE_UNKNOWN } }), 422);
      }
      throw error;
    }
    return reply.redirect(`/werkplek/werkgevers/${id}`, 303);
  });

  // Change an employer (as PATCH /v1/employers/:id): emptied optional fields are cleared.
  app.get('/werkgevers/:id/bewerken', pageRoute({ access: access.employerStaff, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const employer = await services.employers.get(apiPrincipalOf(request), id);
    const values = {
      currentName: employer.name,
      name: employer.name,
      sector: employer.sector,
      kvkNumber: employer.kvkNumber ?? '',
      description: employer.description ?? '',
      website: employer.website ?? '',
    };
    return reply.html(<EmployerForm ctx={pageOf(request)} employerId={id} values={values} />);
  });
  const employerEditBody = employerBody.extend({
    currentName: z.string().max(1000).optional(),
    description: z.string().max(6000).optional(),
    website: z.string().max(1000).optional(),
  });
  app.post('/werkgevers/:id/bewerken', pageRoute({ access: access.employerStaff, params: idParams, body: employerEditBody }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const { _csrf, ...values } = request.body as z.infer<typeof employerEditBody>;
    const principal = apiPrincipalOf(request);
    const employer = await services.employers.get(principal, id);
    const cleared = (value: string | undefined) => (value?.trim() ? value.trim() : null);
    const parsed = updateEmployerBodySchema.safeParse({
      name: values.name.trim(),
      sector: values.sector || undefined,
      kvkNumber: cleared(values.kvkNumber),
      description: cleared(values.description),
      website: cleared(values.website),
    });
    if (!parsed.success)
      return reply.html(
        <EmployerForm ctx={pageOf(request)} employerId={id} values={{ ...values, currentName: employer.name }} errors={fieldErrors(parsed.error)} />,
        422,
      );
    await db.transaction((tx) => services.employers.update({ tx, principal, id, body: parsed.data }));
    return reply.redirect(`/werkplek/werkgevers/${id}`, 303);
  });

  // Change a location (as PATCH /v1/employers/:id/locations/:locationId).
  const locationParams = z.object({ id: z.uuid(), locationId: z.uuid() });
  app.get('/werkgevers/:id/locaties/:locationId/bewerken', pageRoute({ access: access.employerStaff, params: locationParams }), async (request, reply) => {
    const { id, locationId } = request.params as z.infer<typeof locationParams>;
    const principal = apiPrincipalOf(request);
    const employer = await services.employers.get(principal, id);
    const place = await services.employers.getLocation(principal, id, locationId);
    const values = { currentName: place.name, name: place.name, street: place.street ?? '', houseNumber: place.houseNumber ?? '', postcode: place.postcode };
    return reply.html(<LocationEditPage ctx={pageOf(request)} employer={employer} locationId={locationId} values={values} />);
  });
  const locationEditBody = locationBody.extend({ currentName: z.string().max(1000).optional() });
  app.post(
    '/werkgevers/:id/locaties/:locationId/bewerken',
    pageRoute({ access: access.employerStaff, params: locationParams, body: locationEditBody }),
    async (request, reply) => {
      const { id, locationId } = request.params as z.infer<typeof locationParams>;
      const { _csrf, ...values } = request.body as z.infer<typeof locationEditBody>;
      const principal = apiPrincipalOf(request);
      const employer = await services.employers.get(principal, id);
      const place = await services.employers.getLocation(principal, id, locationId);
      const shown = { ...values, currentName: place.name };
      const cleared = (value: string | undefined) => (value?.trim() ? value.trim() : null);
      const parsed = updateLocationBodySchema.safeParse({
        name: values.name.trim(),
        street: cleared(values.street),
        houseNumber: cleared(values.houseNumber),
        postcode: values.postcode,
      });
      if (!parsed.success)
        return reply.html(
          <LocationEditPage ctx={pageOf(request)} employer={employer} locationId={locationId} values={shown} errors={fieldErrors(parsed.error)} />,
          422,
        );
      // The postcode only counts as a move when it changed (a move looks the place up again).
      const { postcode, ...unmoved } = parsed.data;
      const body = values.postcode.trim().toUpperCase() !== place.postcode.toUpperCase() ? parsed.data : unmoved;
      try {
        await db.transaction((tx) => services.employers.updateLocation({ tx, principal, employerId: id, locationId, body }));
      } catch (error) {
        if (error instanceof ProblemError && error.spec === employerProblems.postcode_unknown) {
          return reply.html(
            <LocationEditPage ctx={pageOf(request)} employer={employer} locationId={locationId} values={shown} errors={{ postcode: POSTCODE_UNKNOWN }} />,
            422,
          );
        }
        throw error;
      }
      return reply.redirect(`/werkplek/werkgevers/${id}`, 303);
    },
  );

  // Remove a location (as DELETE /v1/employers/:id/locations/:locationId): ask first, then the same service call.
  async function locationUse(request: Parameters<typeof apiPrincipalOf>[0], employerId: string, locationId: string) {
    const principal = apiPrincipalOf(request);
    const [vacancies, plans] = await Promise.all([
      services.vacancies.list(principal, { employerId, limit: 100 }),
      services.growthPlans.listForEmployer(principal, employerId),
    ]);
    return {
      vacancies: vacancies.items.filter((vacancy) => vacancy.locationId === locationId),
      plans: plans.filter((plan) => plan.locationId === locationId),
    };
  }
  app.get('/werkgevers/:id/locaties/:locationId/verwijderen', pageRoute({ access: access.employerStaff, params: locationParams }), async (request, reply) => {
    const { id, locationId } = request.params as z.infer<typeof locationParams>;
    const principal = apiPrincipalOf(request);
    const employer = await services.employers.get(principal, id);
    const place = await services.employers.getLocation(principal, id, locationId);
    return reply.html(<LocationDeletePage ctx={pageOf(request)} employer={employer} place={place} usedBy={await locationUse(request, id, locationId)} />);
  });
  app.post(
    '/werkgevers/:id/locaties/:locationId/verwijderen',
    pageRoute({ access: access.employerStaff, params: locationParams, body: z.object({ ...csrfField }) }),
    async (request, reply) => {
      const { id, locationId } = request.params as z.infer<typeof locationParams>;
      const principal = apiPrincipalOf(request);
      const employer = await services.employers.get(principal, id);
      const place = await services.employers.getLocation(principal, id, locationId);
      try {
        await db.transaction((tx) => services.employers.deleteLocation({ tx, principal, employerId: id, locationId }));
      } catch (error) {
        // Still used by a vacancy or growth plan: the service's own words, and what uses it.
        if (error instanceof ProblemError && error.spec === employerProblems.location_in_use) {
          const refusal = renderProblem(error.spec, 'nl', { values: error.values }).detail ?? error.spec.title.nl;
          return reply.html(
            <LocationDeletePage
              ctx={pageOf(request)}
              employer={employer}
              place={place}
              usedBy={await locationUse(request, id, locationId)}
              refusal={refusal}
            />,
            409,
          );
        }
        throw error;
      }
      return reply.redirect(`/werkplek/werkgevers/${id}?verwijderd=locatie`, 303);
    },
  );

  // A vacancy on behalf of the employer: the employer's own form (shift-pattern builder included), on the werkplek.
  const vacancyForm = createVacancyForm({ db, services, clock }, (request) => {
    const { id } = request.params as z.infer<typeof idParams>;
    return {
      employerId: id,
      action: () => `/werkplek/werkgevers/${id}/vacatures/nieuw`,
      Page: WerkplekPage,
      saved: (vacancyId) => `/werkplek/vacatures/${vacancyId}`,
      duplicate: () => `/werkplek/werkgevers/${id}`,
    };
  });
  app.get('/werkgevers/:id/vacatures/nieuw', pageRoute({ access: access.employerStaff, params: idParams }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    await services.employers.get(apiPrincipalOf(request), id);
    return reply.html(await vacancyForm.show(request, { kind: 'new' }, emptyVacancyForm()));
  });
  // Staff change a vacancy of the employer with the same form (as PATCH /v1/vacancies/:id, same service).
  const vacancyParams = z.object({ id: z.uuid(), vacancyId: z.uuid() });
  const vacancyEditForm = createVacancyForm({ db, services, clock }, (request) => {
    const { id, vacancyId } = request.params as z.infer<typeof vacancyParams>;
    return {
      employerId: id,
      action: () => `/werkplek/werkgevers/${id}/vacatures/${vacancyId}/bewerken`,
      Page: WerkplekPage,
      saved: (savedId) => `/werkplek/vacatures/${savedId}`,
      duplicate: () => `/werkplek/vacatures/${vacancyId}`,
    };
  });
  /** The vacancy, when it is this employer's (another employer's, or another Werkplein's: not found). */
  async function vacancyOfEmployer(request: Parameters<typeof apiPrincipalOf>[0]) {
    const { id, vacancyId } = request.params as z.infer<typeof vacancyParams>;
    const vacancy = await services.vacancies.get(apiPrincipalOf(request), vacancyId);
    if (vacancy.employerId !== id) throw new ProblemError(vacancyProblems.not_found);
    return vacancy;
  }
  app.get('/werkgevers/:id/vacatures/:vacancyId/bewerken', pageRoute({ access: access.employerStaff, params: vacancyParams }), async (request, reply) => {
    const vacancy = await vacancyOfEmployer(request);
    return reply.html(await vacancyEditForm.show(request, { kind: 'edit', vacancy }, vacancyFormOf(vacancy)));
  });
  app.post(
    '/werkgevers/:id/vacatures/:vacancyId/bewerken',
    pageRoute({ access: access.employerStaff, params: vacancyParams, body: vacancyFormBody }),
    async (request, reply) => {
      const vacancy = await vacancyOfEmployer(request);
      return vacancyEditForm.handle(request, reply, { kind: 'edit', vacancy });
    },
  );

  app.post('/werkgevers/:id/vacatures/nieuw', pageRoute({ access: access.employerStaff, params: idParams, body: vacancyFormBody }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    // Another Werkplein's employer: not found, before the form is looked at.
    await services.employers.get(apiPrincipalOf(request), id);
    return vacancyForm.handle(request, reply, { kind: 'new' });
  });
}
