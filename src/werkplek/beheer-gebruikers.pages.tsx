import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { access, STAFF_ROLES } from '../auth/roles.js';
import { Button, Heading, Link, Paragraph, PostForm, TableScroll } from '../pages/components.js';
import { h, type Html } from '../pages/jsx.js';
import { apiPrincipalOf, pageOf, pageRoute } from '../pages/pages.plugin.js';
import { createTokenBodySchema, createUserBodySchema, updateUserBodySchema, type TokenView, type UserView } from '../users/users.schemas.js';
import { BEHEER, Notice, numberOf, problemStatus, problemText, ROLE_LABELS } from './beheer.shared.js';
import type { WerkplekDeps } from './werkplek.deps.js';
import { ErrorSummary, csrfField, fieldErrors, formText, InputField, optionsOf, SelectField } from './werkplek.forms.js';
import { formatInstant, label } from './werkplek.labels.js';
import { WerkplekPage } from './werkplek.layout.js';

type Ctx = ReturnType<typeof pageOf>;

const idParams = z.object({ id: z.uuid() });

const createForm = z.object({ ...csrfField, name: formText(200), email: formText(300), role: formText(40), employerId: formText(40) });
const CREATE_NAMES = { name: 'Naam', email: 'E-mailadres', role: 'Rol', employerId: 'Werkgever' };

const updateForm = z.object({ ...csrfField, name: formText(200), role: formText(40), active: formText(5) });
const UPDATE_NAMES = { name: 'Naam', role: 'Rol', active: 'Toegang' };

const tokenForm = z.object({ ...csrfField, label: formText(200), ttlDays: formText(20) });
const TOKEN_NAMES = { label: 'Waarvoor is het token', ttlDays: 'Geldig (dagen)' };

const listQuery = z.object({ nieuw: z.string().max(40).optional() });
const userQuery = z.object({ bewaard: z.enum(['1']).optional(), ingetrokken: z.enum(['1']).optional() });

function UsersPage({
  ctx,
  users,
  employers,
  errors = {},
  problem,
  values,
}: {
  ctx: Ctx;
  users: UserView[];
  employers: Array<{ id: string; name: string }>;
  errors?: Record<string, string>;
  problem?: string | null;
  values?: z.infer<typeof createForm>;
}): Html {
  const employerName = new Map(employers.map((employer) => [employer.id, employer.name]));
  return (
    <WerkplekPage ctx={ctx} title="Gebruikers en tokens">
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link>
      </Paragraph>
      <Heading>Gebruikers en tokens</Heading>
      <Paragraph>
        Wie met Kansrijk werkt, met welke rol. Kies een naam om de rol te wijzigen, iemand uit te zetten of een token te geven of in te trekken.
      </Paragraph>
      <TableScroll>
        <table class="utrecht-table utrecht-table--html-table">
          <caption class="utrecht-table__caption">Gebruikers</caption>
          <thead class="utrecht-table__header">
            <tr class="utrecht-table__row">
              <th class="utrecht-table__header-cell" scope="col">
                Naam
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                E-mailadres
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Rol
              </th>
              <th class="utrecht-table__header-cell" scope="col">
                Toegang
              </th>
            </tr>
          </thead>
          <tbody class="utrecht-table__body">
            {users.map((user) => (
              <tr class="utrecht-table__row">
                <td class="utrecht-table__cell">
                  <Link href={`${BEHEER}/gebruikers/${user.id}`}>{user.name}</Link>
                </td>
                <td class="utrecht-table__cell">{user.email}</td>
                <td class="utrecht-table__cell">
                  {label(ROLE_LABELS, user.role)}
                  {user.employerId ? ` (${employerName.get(user.employerId) ?? 'werkgever'})` : ''}
                </td>
                <td class="utrecht-table__cell">{user.active ? 'actief' : 'uitgezet'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      <PostForm ctx={ctx} action={`${BEHEER}/gebruikers`} className="kansrijk-stack kansrijk-narrow">
        <Heading level={2}>Nieuwe gebruiker</Heading>
        <Notice problem={problem} />
        <ErrorSummary errors={errors} names={CREATE_NAMES} />
        <InputField name="name" label="Naam" value={values?.name} error={errors.name} required />
        <InputField
          name="email"
          type="email"
          label="E-mailadres"
          description="Hiermee logt de gebruiker in."
          value={values?.email}
          error={errors.email}
          required
        />
        <SelectField name="role" label="Rol" options={optionsOf(ROLE_LABELS)} value={values?.role ?? 'account_manager'} error={errors.role} />
        <SelectField
          name="employerId"
          label="Werkgever (alleen bij de rol werkgever)"
          empty="Geen"
          options={employers.map((employer) => ({ value: employer.id, label: employer.name }))}
          value={values?.employerId}
          error={errors.employerId}
        />
        <Button>Gebruiker toevoegen</Button>
      </PostForm>
    </WerkplekPage>
  );
}

function tokenStatus(token: TokenView, now: Date): string {
  if (token.revokedAt) return `ingetrokken op ${formatInstant(token.revokedAt)}`;
  if (new Date(token.expiresAt) <= now) return `verlopen op ${formatInstant(token.expiresAt)}`;
  return `geldig tot ${formatInstant(token.expiresAt)}`;
}

function UserPage({
  ctx,
  user,
  tokens,
  now,
  errors = {},
  problem,
  done,
  values,
  issued,
  tokenErrors = {},
  tokenValues,
}: {
  ctx: Ctx;
  user: UserView;
  tokens: TokenView[];
  now: Date;
  errors?: Record<string, string>;
  problem?: string | null;
  done?: string | null;
  values?: z.infer<typeof updateForm>;
  issued?: (TokenView & { token: string }) | null;
  tokenErrors?: Record<string, string>;
  tokenValues?: z.infer<typeof tokenForm>;
}): Html {
  const own = user.id === ctx.principal?.api?.userId;
  const staff = user.role !== 'employer';
  return (
    <WerkplekPage ctx={ctx} title={user.name}>
      <Paragraph>
        <Link href={BEHEER}>Beheer</Link> › <Link href={`${BEHEER}/gebruikers`}>Gebruikers en tokens</Link>
      </Paragraph>
      <Heading>{user.name}</Heading>
      <Paragraph>
        {user.email}, {label(ROLE_LABELS, user.role)}, {user.active ? 'actief' : 'uitgezet: kan niet inloggen en tokens werken niet'}. Toegevoegd op{' '}
        {formatInstant(user.createdAt)}.
      </Paragraph>
      {issued ? (
        <div class="utrecht-alert utrecht-alert--ok" role="status">
          <div class="utrecht-alert__content">
            <div class="utrecht-alert__message">
              <p class="utrecht-paragraph">
                Het token “{issued.label}” is gemaakt. U ziet het nu één keer. Kopieer het en bewaar het veilig; daarna kan niemand het meer zien.
              </p>
              <p class="utrecht-paragraph">
                <code class="utrecht-code kansrijk-secret" id="nieuw-token">
                  {issued.token}
                </code>
              </p>
            </div>
          </div>
        </div>
      ) : null}
      <PostForm ctx={ctx} action={`${BEHEER}/gebruikers/${user.id}`} className="kansrijk-stack kansrijk-narrow">
        <Heading level={2}>Gegevens en toegang</Heading>
        <Notice problem={problem} done={done} />
        <ErrorSummary errors={errors} names={UPDATE_NAMES} />
        <InputField name="name" label="Naam" value={values?.name ?? user.name} error={errors.name} />
        {staff && !own ? (
          <SelectField name="role" label="Rol" options={optionsOf(ROLE_LABELS, STAFF_ROLES)} value={values?.role ?? user.role} error={errors.role} />
        ) : null}
        {own ? (
          <Paragraph>Uw eigen rol en toegang kunt u niet wijzigen. Vraag dat aan een andere beheerder.</Paragraph>
        ) : (
          <SelectField
            name="active"
            label="Toegang"
            options={[
              { value: 'true', label: 'actief: kan inloggen' },
              { value: 'false', label: 'uitgezet: kan niet inloggen, tokens werken niet' },
            ]}
            value={values?.active ?? String(user.active)}
            error={errors.active}
          />
        )}
        <Button>Wijzigingen opslaan</Button>
      </PostForm>
      <section class="kansrijk-stack" aria-labelledby="kop-tokens">
        <Heading level={2}>
          <span id="kop-tokens">Tokens voor de API</span>
        </Heading>
        <Paragraph>Met een token kan een ander systeem namens deze gebruiker met Kansrijk werken. Trek een token in als het niet meer nodig is.</Paragraph>
        {tokens.length === 0 ? (
          <Paragraph>Deze gebruiker heeft geen tokens.</Paragraph>
        ) : (
          <TableScroll>
            <table class="utrecht-table utrecht-table--html-table">
              <caption class="utrecht-table__caption">Tokens</caption>
              <thead class="utrecht-table__header">
                <tr class="utrecht-table__row">
                  <th class="utrecht-table__header-cell" scope="col">
                    Waarvoor
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Begint met
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Status
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Laatst gebruikt
                  </th>
                  <th class="utrecht-table__header-cell" scope="col">
                    Intrekken
                  </th>
                </tr>
              </thead>
              <tbody class="utrecht-table__body">
                {tokens.map((token) => (
                  <tr class="utrecht-table__row">
                    <td class="utrecht-table__cell">{token.label}</td>
                    <td class="utrecht-table__cell">
                      <code class="utrecht-code">{token.prefix}</code>
                    </td>
                    <td class="utrecht-table__cell">{tokenStatus(token, now)}</td>
                    <td class="utrecht-table__cell">{token.lastUsedAt ? formatInstant(token.lastUsedAt) : 'nooit'}</td>
                    <td class="utrecht-table__cell">
                      {token.revokedAt || new Date(token.expiresAt) <= now ? (
                        ''
                      ) : (
                        <PostForm
                          ctx={ctx}
                          action={`${BEHEER}/tokens/${token.id}/intrekken`}
                          confirm={`Token “${token.label}” intrekken? Het werkt dan meteen niet meer.`}
                          className="kansrijk-inline-form"
                        >
                          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
                            Intrekken<span class="kansrijk-visually-hidden">: {token.label}</span>
                          </button>
                        </PostForm>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {user.active ? (
          <PostForm ctx={ctx} action={`${BEHEER}/gebruikers/${user.id}/tokens`} className="kansrijk-stack kansrijk-narrow">
            <Heading level={3}>Nieuw token</Heading>
            <ErrorSummary errors={tokenErrors} names={TOKEN_NAMES} />
            <InputField
              name="label"
              label="Waarvoor is het token?"
              description="Bijvoorbeeld: koppeling met het werkgeversportaal."
              value={tokenValues?.label}
              error={tokenErrors.label}
            />
            <InputField
              name="ttlDays"
              type="number"
              min={1}
              max={365}
              label="Geldig (dagen)"
              description="Leeg laten: de standaardtermijn."
              value={tokenValues?.ttlDays}
              error={tokenErrors.ttlDays}
            />
            <Button>Token maken</Button>
          </PostForm>
        ) : null}
      </section>
    </WerkplekPage>
  );
}

/** Beheer: users and their API tokens (issue 14.7), through the users service as the API. */
export async function beheerUserPages(app: FastifyInstance, { db, services, clock }: WerkplekDeps) {
  const { users } = services;

  async function employersOf(request: FastifyRequest) {
    const page = await services.employers.list(apiPrincipalOf(request), { limit: 100 });
    return page.items.map((employer: { id: string; name: string }) => ({ id: employer.id, name: employer.name }));
  }

  app.get('/beheer/gebruikers', pageRoute({ access: access.admin, querystring: listQuery }), async (request, reply) => {
    const principal = apiPrincipalOf(request);
    return reply.html(<UsersPage ctx={pageOf(request)} users={await users.list(principal)} employers={await employersOf(request)} />);
  });

  app.post('/beheer/gebruikers', pageRoute({ access: access.admin, body: createForm }), async (request, reply) => {
    const principal = apiPrincipalOf(request);
    const form = request.body as z.infer<typeof createForm>;
    const again = async (status: number, errors: Record<string, string>, problem: string | null = null) =>
      reply.html(
        <UsersPage
          ctx={pageOf(request)}
          users={await users.list(principal)}
          employers={await employersOf(request)}
          errors={errors}
          problem={problem}
          values={form}
        />,
        status,
      );
    const parsed = createUserBodySchema.safeParse({
      email: form.email,
      name: form.name,
      role: form.role,
      ...(form.role === 'employer' || form.employerId ? { employerId: form.employerId } : {}),
    });
    if (!parsed.success) return again(422, fieldErrors(parsed.error));
    let created: UserView;
    try {
      created = await db.transaction((tx) => users.create(tx, principal, parsed.data));
    } catch (error) {
      const text = problemText(error);
      if (!text) throw error;
      return again(problemStatus(error), {}, text);
    }
    return reply.redirect(`${BEHEER}/gebruikers/${created.id}?bewaard=1`, 303);
  });

  async function userPage(request: FastifyRequest, id: string, props: Omit<Parameters<typeof UserPage>[0], 'ctx' | 'user' | 'tokens' | 'now'> = {}) {
    const principal = apiPrincipalOf(request);
    // Another tenant's user is not found (404) before anything else happens.
    const user = await users.get(principal, id);
    const tokens = await users.listTokens(principal, id);
    return <UserPage ctx={pageOf(request)} user={user} tokens={tokens} now={clock.now()} {...props} />;
  }

  app.get('/beheer/gebruikers/:id', pageRoute({ access: access.admin, params: idParams, querystring: userQuery }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const query = request.query as z.infer<typeof userQuery>;
    const done = query.bewaard ? 'Opgeslagen.' : query.ingetrokken ? 'Het token is ingetrokken. Het werkt niet meer.' : null;
    return reply.html(await userPage(request, id, { done }));
  });

  app.post('/beheer/gebruikers/:id', pageRoute({ access: access.admin, params: idParams, body: updateForm }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const form = request.body as z.infer<typeof updateForm>;
    const principal = apiPrincipalOf(request);
    await users.get(principal, id);
    const parsed = updateUserBodySchema.safeParse({
      ...(form.name !== undefined ? { name: form.name } : {}),
      ...(form.role !== undefined ? { role: form.role } : {}),
      ...(form.active !== undefined ? { active: form.active === 'true' ? true : form.active === 'false' ? false : form.active } : {}),
    });
    if (!parsed.success) return reply.html(await userPage(request, id, { errors: fieldErrors(parsed.error), values: form }), 422);
    try {
      await db.transaction((tx) => users.update({ tx, principal, id, body: parsed.data }));
    } catch (error) {
      const text = problemText(error);
      if (!text) throw error;
      return reply.html(await userPage(request, id, { problem: text, values: form }), problemStatus(error));
    }
    return reply.redirect(`${BEHEER}/gebruikers/${id}?bewaard=1`, 303);
  });

  // The token is shown once, on the answer to this form (never stored, never in a redirect's address).
  app.post('/beheer/gebruikers/:id/tokens', pageRoute({ access: access.admin, params: idParams, body: tokenForm }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const form = request.body as z.infer<typeof tokenForm>;
    const principal = apiPrincipalOf(request);
    await users.get(principal, id);
    const parsed = createTokenBodySchema.safeParse({ label: form.label, ...(form.ttlDays !== undefined ? { ttlDays: numberOf(form.ttlDays) } : {}) });
    if (!parsed.success) return reply.html(await userPage(request, id, { tokenErrors: fieldErrors(parsed.error), tokenValues: form }), 422);
    const issued = await db.transaction((tx) => users.createToken({ tx, principal, userId: id, body: parsed.data }));
    return reply.html(await userPage(request, id, { issued }), 201);
  });

  app.post('/beheer/tokens/:id/intrekken', pageRoute({ access: access.admin, params: idParams, body: z.object(csrfField) }), async (request, reply) => {
    const { id } = request.params as z.infer<typeof idParams>;
    const revoked = await db.transaction((tx) => users.revokeToken(tx, apiPrincipalOf(request), id));
    return reply.redirect(`${BEHEER}/gebruikers/${revoked.userId}?ingetrokken=1`, 303);
  });
}
