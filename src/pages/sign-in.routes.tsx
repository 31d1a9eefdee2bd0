import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { Alert, Button, Heading, Layout, Link, Paragraph, PostForm, TextField, type PageContext } from './components.js';
import { clearCookie, safeReturnPath, setCookie, type CookieOptions } from './http.js';
import { h } from './jsx.js';
import { COOKIE, pageOf, pageRoute, type PagesOptions } from './page-routes.js';
import { mailSignInLinks } from './sign-in.mail.js';
import { oidcRoutes } from './oidc.routes.js';

const emailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email());

function SignInForm({ ctx, returnTo, email, error, oidc }: { ctx: PageContext; returnTo?: string | undefined; email?: string; error?: string; oidc: boolean }) {
  return (
    <Layout ctx={ctx} title="Inloggen">
      <div class="kansrijk-narrow kansrijk-stack">
        <Heading>Inloggen</Heading>
        <Paragraph>Vul uw e-mailadres in. U krijgt een mail met een link om in te loggen. U hebt geen wachtwoord nodig.</Paragraph>
        <PostForm ctx={ctx} action="/inloggen" className="kansrijk-stack">
          {returnTo ? <input type="hidden" name="terug" value={returnTo} /> : null}
          <TextField name="email" label="E-mailadres" type="email" value={email} error={error} required autocomplete="email" />
          <Button>Stuur mij een inloglink</Button>
        </PostForm>
        <Paragraph>
          Hebt u een inlogcode gekregen van uw klantmanager? <Link href="/inloggen/code">Inloggen met een code</Link>
        </Paragraph>
        {oidc ? (
          <section class="kansrijk-stack" aria-labelledby="gemeente-account">
            <Heading level={2}>
              <span id="gemeente-account">Werkt u bij de gemeente of het Werkplein?</span>
            </Heading>
            <Paragraph>Log dan in met het account waarmee u ook op uw werk inlogt.</Paragraph>
            <p class="utrecht-paragraph">
              <a
                class="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
                href={`/inloggen/oidc${returnTo ? `?terug=${encodeURIComponent(returnTo)}` : ''}`}
              >
                Inloggen met uw gemeente-account
              </a>
            </p>
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

function CodeForm({ ctx, code, error }: { ctx: PageContext; code?: string; error?: string }) {
  return (
    <Layout ctx={ctx} title="Inloggen met een code">
      <div class="kansrijk-narrow kansrijk-stack">
        <Heading>Inloggen met een code</Heading>
        <Paragraph>Uw klantmanager gaf u een inlogcode van 10 letters en cijfers. Een code werkt één uur en maar één keer.</Paragraph>
        <PostForm ctx={ctx} action="/inloggen/code" className="kansrijk-stack">
          <TextField
            name="code"
            label="Inlogcode"
            value={code}
            error={error}
            required
            autocomplete="one-time-code"
            description="Bijvoorbeeld ABCDE-23456. Hoofdletters of kleine letters maakt niet uit."
          />
          <Button>Inloggen</Button>
        </PostForm>
        <Paragraph>
          Werkt de code niet? Vraag uw klantmanager om een nieuwe code. Of <Link href="/inloggen">vraag een inloglink aan per e-mail</Link>.
        </Paragraph>
      </div>
    </Layout>
  );
}

const LINK_REFUSED: Record<'invalid' | 'expired' | 'used', string> = {
  invalid: 'Deze inloglink klopt niet. Misschien is hij niet helemaal meegekomen. Vraag een nieuwe link aan.',
  expired: 'Deze inloglink is verlopen. Een link werkt maar kort. Vraag een nieuwe link aan.',
  used: 'Deze inloglink is al gebruikt. Een link werkt maar één keer. Vraag een nieuwe link aan.',
};

function LinkRefused({ ctx, reason }: { ctx: PageContext; reason: keyof typeof LINK_REFUSED }) {
  return (
    <Layout ctx={ctx} title="Inloglink werkt niet">
      <div class="kansrijk-narrow kansrijk-stack">
        <Heading>Deze link werkt niet</Heading>
        <Alert type="warning">
          <Paragraph>{LINK_REFUSED[reason]}</Paragraph>
        </Alert>
        <Paragraph>
          <Link href="/inloggen">Vraag een nieuwe inloglink aan</Link>
        </Paragraph>
      </div>
    </Layout>
  );
}

/** Sign-in by one-time link (and, when configured, OpenID Connect), sign-out, and the start page. */
export async function signInRoutes(app: FastifyInstance, options: PagesOptions & { cookieName: (base: string) => string; cookieOptions: CookieOptions }) {
  const { sessions } = options;
  const sessionCookie = options.cookieName(COOKIE.session);

  app.get('/', pageRoute({ access: 'public' }), async (request, reply) => {
    const principal = pageOf(request).principal;
    return reply.redirect(principal ? sessions.kindOf(principal.kind).home(principal) : '/inloggen', 303);
  });

  const signInQuery = z.object({ terug: z.string().max(500).optional(), uitgelogd: z.literal('1').optional() });
  app.get('/inloggen', pageRoute({ access: 'public', querystring: signInQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const query = request.query as z.infer<typeof signInQuery>;
    const returnTo = safeReturnPath(query.terug);
    if (ctx.principal) return reply.redirect(returnTo ?? sessions.kindOf(ctx.principal.kind).home(ctx.principal), 303);
    return reply.html(<SignInForm ctx={ctx} returnTo={returnTo} oidc={options.oidc !== null} />);
  });

  const signInBody = z.object({ _csrf: z.string(), email: z.string().max(1000), terug: z.string().max(500).optional() });
  app.post('/inloggen', pageRoute({ access: 'public', body: signInBody }), async (request, reply) => {
    const ctx = pageOf(request);
    const body = request.body as z.infer<typeof signInBody>;
    const returnTo = safeReturnPath(body.terug);
    const email = emailSchema.safeParse(body.email);
    if (!email.success) {
      return reply.html(
        <SignInForm
          ctx={ctx}
          returnTo={returnTo}
          email={body.email}
          error="Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."
          oidc={options.oidc !== null}
        />,
        400,
      );
    }
    // After the answer: the same answer, as fast, whether or not the address is known.
    setImmediate(() => {
      mailSignInLinks({ sessions, mailer: options.mailer, publicUrl: options.publicUrl, logger: request.log, email: email.data, returnTo }).catch(
        (error: unknown) => request.log.error({ err: error }, 'sign-in link could not be sent'),
      );
    });
    return reply.redirect('/inloggen/verstuurd', 303);
  });

  app.get('/inloggen/verstuurd', pageRoute({ access: 'public' }), async (request, reply) => {
    const ctx = pageOf(request);
    return reply.html(
      <Layout ctx={ctx} title="Kijk in uw mail">
        <div class="kansrijk-narrow kansrijk-stack">
          <Heading>Kijk in uw mail</Heading>
          <Alert type="ok">
            <Paragraph>Als dit e-mailadres bij ons bekend is, krijgt u binnen een paar minuten een mail met een inloglink.</Paragraph>
          </Alert>
          <Paragraph>De link werkt {sessions.settings.linkMinutes} minuten en maar één keer. Geen mail gekregen? Kijk ook bij de ongewenste mail.</Paragraph>
          <Paragraph>
            <Link href="/inloggen">Opnieuw een link aanvragen</Link>
          </Paragraph>
        </div>
      </Layout>,
    );
  });

  // Opening the link only shows a button: mail scanners that follow links do not use it up, and a GET never writes.
  const linkQuery = z.object({ token: z.string().max(300) });
  app.get('/inloggen/link', pageRoute({ access: 'public', querystring: linkQuery }), async (request, reply) => {
    const ctx = pageOf(request);
    const { token } = request.query as z.infer<typeof linkQuery>;
    const state = await sessions.inspectLink(token);
    if (state.status !== 'valid') return reply.html(<LinkRefused ctx={ctx} reason={state.status} />, state.status === 'invalid' ? 400 : 410);
    return reply.html(
      <Layout ctx={ctx} title="Inloggen">
        <div class="kansrijk-narrow kansrijk-stack">
          <Heading>Inloggen</Heading>
          <Paragraph>Klik op de knop om in te loggen.</Paragraph>
          <PostForm ctx={ctx} action="/inloggen/link">
            <input type="hidden" name="token" value={token} />
            <Button>Inloggen</Button>
          </PostForm>
        </div>
      </Layout>,
    );
  });

  const linkBody = z.object({ _csrf: z.string(), token: z.string().max(300) });
  app.post('/inloggen/link', pageRoute({ access: 'public', body: linkBody }), async (request, reply) => {
    const ctx = pageOf(request);
    const { token } = request.body as z.infer<typeof linkBody>;
    const result = await sessions.signInWithLink({ token, previousCookie: request.headers.cookie ? parseSession(request.headers.cookie) : undefined });
    if (result.status !== 'signed_in') {
      request.log.info({ status: result.status }, 'sign-in link refused');
      return reply.html(<LinkRefused ctx={ctx} reason={result.status} />, result.status === 'invalid' ? 400 : 410);
    }
    setCookie(reply, sessionCookie, result.cookie, options.cookieOptions);
    clearCookie(reply, options.cookieName(COOKIE.anonymous), options.cookieOptions);
    return reply.redirect(safeReturnPath(result.returnTo) ?? result.home, 303);
  });

  // A code from the klantmanager (issue 17): typed, used once, and a wrong code says no more than that.
  app.get('/inloggen/code', pageRoute({ access: 'public' }), async (request, reply) => {
    const ctx = pageOf(request);
    if (ctx.principal) return reply.redirect(sessions.kindOf(ctx.principal.kind).home(ctx.principal), 303);
    return reply.html(<CodeForm ctx={ctx} />);
  });

  const codeBody = z.object({ _csrf: z.string(), code: z.string().max(100) });
  app.post('/inloggen/code', pageRoute({ access: 'public', body: codeBody }), async (request, reply) => {
    const ctx = pageOf(request);
    const { code } = request.body as z.infer<typeof codeBody>;
    if (code.trim() === '') return reply.html(<CodeForm ctx={ctx} code={code} error="Vul de code in die u van uw klantmanager kreeg." />, 400);
    const result = await sessions.signInWithCode({ code, previousCookie: parseSession(request.headers.cookie) });
    if (result.status !== 'signed_in') {
      request.log.info('sign-in code refused');
      return reply.html(
        <CodeForm
          ctx={ctx}
          code={code}
          error="Deze code werkt niet. Misschien is hij verlopen of al gebruikt, of is er een tikfout. Kijk de code na of vraag uw klantmanager om een nieuwe."
        />,
        400,
      );
    }
    setCookie(reply, sessionCookie, result.cookie, options.cookieOptions);
    clearCookie(reply, options.cookieName(COOKIE.anonymous), options.cookieOptions);
    return reply.redirect(result.home, 303);
  });

  app.post('/uitloggen', pageRoute({ access: 'public', body: z.object({ _csrf: z.string() }) }), async (request, reply) => {
    await sessions.end(parseSession(request.headers.cookie));
    clearCookie(reply, sessionCookie, options.cookieOptions);
    return reply.redirect('/inloggen?uitgelogd=1', 303);
  });

  function parseSession(header: string | undefined): string | undefined {
    for (const part of (header ?? '').split(';')) {
      const [key, ...value] = part.trim().split('=');
      if (key === sessionCookie) return decodeURIComponent(value.join('='));
    }
    return undefined;
  }

  if (options.oidc)
    await app.register(oidcRoutes, {
      ...options,
      oidc: options.oidc,
      sessionCookie,
      oidcCookie: options.cookieName(COOKIE.oidc),
      anonymousCookie: options.cookieName(COOKIE.anonymous),
    });
}
