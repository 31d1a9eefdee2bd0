import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { z } from 'zod';
import { userRepository } from '../users/users.repository.js';
import { Alert, Heading, Layout, Link, Paragraph, type PageContext } from './components.js';
import { clearCookie, parseCookies, safeReturnPath, setCookie, type CookieOptions } from './http.js';
import { h } from './jsx.js';
import { oidcClient, type OidcSettings } from './oidc.js';
import { pageOf, pageRoute, type PagesOptions } from './page-routes.js';

/** How long the round trip through the provider may take (the flow cookie lives this long). */
const FLOW_SECONDS = 600;
const FLOW_PATH = '/inloggen/oidc';

/** What the browser keeps between leaving for the provider and coming back (signed, httpOnly, one use). */
const flowSchema = z.object({ state: z.string(), nonce: z.string(), verifier: z.string(), returnTo: z.string().nullable(), startedAt: z.number() });
type Flow = z.infer<typeof flowSchema>;

type Refusal = 'expired' | 'refused' | 'unverified' | 'unknown' | 'unavailable';

const REFUSED: Record<Refusal, { status: number; text: string }> = {
  expired: { status: 400, text: 'Het inloggen duurde te lang, of is al afgerond. Begin opnieuw.' },
  refused: {
    status: 400,
    text: 'De inlogdienst van de gemeente gaf geen geldige bevestiging terug. Begin opnieuw. Lukt het weer niet? Log dan in met een link per e-mail.',
  },
  unverified: {
    status: 403,
    text: 'Uw gemeente-account geeft geen bevestigd e-mailadres door. Daarom kunnen we u niet inloggen. Log in met een link per e-mail, of vraag de beheerder van uw gemeente-account om hulp.',
  },
  unknown: {
    status: 403,
    text: 'Er is bij dit Werkplein geen medewerker met het e-mailadres van uw gemeente-account. Wij maken niet zelf een account aan. Vraag de beheerder van het Werkplein om u toe te voegen.',
  },
  unavailable: {
    status: 503,
    text: 'De inlogdienst van de gemeente is nu niet bereikbaar. Probeer het over een paar minuten opnieuw, of log in met een link per e-mail.',
  },
};

function OidcRefused({ ctx, reason }: { ctx: PageContext; reason: Refusal }) {
  return (
    <Layout ctx={ctx} title="Inloggen is niet gelukt">
      <div class="kansrijk-narrow kansrijk-stack">
        <Heading>Inloggen is niet gelukt</Heading>
        <Alert type="warning">
          <Paragraph>{REFUSED[reason].text}</Paragraph>
        </Alert>
        <Paragraph>
          <Link href="/inloggen">Terug naar inloggen</Link>
        </Paragraph>
      </div>
    </Layout>
  );
}

/**
 * OpenID Connect sign-in for staff (issue 14): authorization code flow with PKCE, state and nonce
 * (kept in a short-lived signed httpOnly cookie); the provider's verified e-mail address must belong
 * to an active staff member of the configured Werkplein; then the same session as a sign-in link.
 */
export async function oidcRoutes(
  app: FastifyInstance,
  options: PagesOptions & { oidc: OidcSettings; sessionCookie: string; oidcCookie: string; anonymousCookie: string; cookieOptions: CookieOptions },
) {
  const { sessions, clock } = options;
  const provider = oidcClient(options.oidc);
  const redirectUri = new URL('/inloggen/oidc/terug', options.publicUrl).href;
  const flowCookie = { ...options.cookieOptions, path: FLOW_PATH };

  const refuse = (request: FastifyRequest, reply: FastifyReply, reason: Refusal, detail?: Record<string, unknown>) => {
    request.log.info({ reason, ...detail }, 'OpenID Connect sign-in refused');
    return reply.html(<OidcRefused ctx={pageOf(request)} reason={reason} />, REFUSED[reason].status);
  };

  const startQuery = z.object({ terug: z.string().max(500).optional() });
  // A GET (a link styled as a button): a form post could not be redirected to the provider under the pages' CSP (form-action 'self').
  app.get('/inloggen/oidc', pageRoute({ access: 'public', querystring: startQuery }), async (request, reply) => {
    const { terug } = request.query as z.infer<typeof startQuery>;
    let configuration: client.Configuration;
    try {
      configuration = await provider.configuration();
    } catch (error) {
      return refuse(request, reply, 'unavailable', { err: error instanceof Error ? error.message : String(error) });
    }
    const flow: Flow = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnPath(terug) ?? null,
      startedAt: clock.now().getTime(),
    };
    const target = client.buildAuthorizationUrl(configuration, {
      redirect_uri: redirectUri,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    setCookie(reply, options.oidcCookie, sessions.sign('oidc', JSON.stringify(flow)), { ...flowCookie, maxAgeSeconds: FLOW_SECONDS });
    return reply.redirect(target.href, 303);
  });

  app.get('/inloggen/oidc/terug', pageRoute({ access: 'public' }), async (request, reply) => {
    const cookies = parseCookies(request.headers.cookie);
    // One attempt per start: the flow cookie goes, whatever the outcome.
    clearCookie(reply, options.oidcCookie, flowCookie);
    const stored = sessions.unsign('oidc', cookies[options.oidcCookie]);
    let flow: Flow | undefined;
    try {
      const parsed = flowSchema.safeParse(stored === undefined ? undefined : JSON.parse(stored));
      flow = parsed.success ? parsed.data : undefined;
    } catch {
      flow = undefined;
    }
    if (!flow || clock.now().getTime() - flow.startedAt > FLOW_SECONDS * 1000) return refuse(request, reply, 'expired');

    let configuration: client.Configuration;
    try {
      configuration = await provider.configuration();
    } catch (error) {
      return refuse(request, reply, 'unavailable', { err: error instanceof Error ? error.message : String(error) });
    }

    // The provider's answer is checked by openid-client: state, issuer, the code exchanged with the PKCE
    // verifier, the ID token's signature, audience, expiry and nonce. Anything off is a refusal.
    let email: unknown;
    let verified: unknown;
    try {
      const tokens = await client.authorizationCodeGrant(configuration, new URL(request.url, options.publicUrl), {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      });
      const claims = tokens.claims();
      if (!claims) return refuse(request, reply, 'refused', { why: 'no ID token' });
      ({ email, email_verified: verified } = claims);
      // Many providers put the e-mail address in the UserInfo answer only (for the same subject).
      if (email === undefined) ({ email, email_verified: verified } = await client.fetchUserInfo(configuration, tokens.access_token, claims.sub));
    } catch (error) {
      return refuse(request, reply, 'refused', { err: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    }
    if (typeof email !== 'string' || verified !== true) return refuse(request, reply, 'unverified');

    const tenant = await userRepository(options.db).tenantBySlug(options.oidc.tenantSlug);
    const normalised = email.trim().toLowerCase();
    const match = tenant
      ? (await sessions.kindOf('user').findByEmail({ db: options.db, email: normalised })).find((account) => account.tenantId === tenant.id)
      : undefined;
    const user = match ? await userRepository(options.db).find({ tenantId: match.tenantId, id: match.subjectId }) : undefined;
    // Staff only: employer contacts sign in with a link; nobody gets an account made here.
    if (!match || !user || !user.active || user.role === 'employer') return refuse(request, reply, 'unknown', { tenant: options.oidc.tenantSlug });

    const started = await sessions.signIn({
      tenantId: match.tenantId,
      kind: 'user',
      subjectId: match.subjectId,
      method: 'oidc',
      previousCookie: parseCookies(request.headers.cookie)[options.sessionCookie],
    });
    if (!started) return refuse(request, reply, 'unknown', { tenant: options.oidc.tenantSlug });
    request.log.info({ tenantId: match.tenantId, userId: match.subjectId, method: 'oidc' }, 'signed in through OpenID Connect');
    setCookie(reply, options.sessionCookie, started.cookie, options.cookieOptions);
    clearCookie(reply, options.anonymousCookie, options.cookieOptions);
    return reply.redirect(safeReturnPath(flow.returnTo) ?? started.home, 303);
  });
}
