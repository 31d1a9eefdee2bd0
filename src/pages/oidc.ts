/*
 * OpenID Connect for staff (issue 14): the municipality's identity provider vouches for a staff
 * member's e-mail address. The provider is found by discovery (`OIDC_ISSUER`), once, when the first
 * person signs in that way (so that the app starts while the provider is down); a failed discovery
 * is tried again at the next sign-in.
 */
import * as client from 'openid-client';

/** What the environment configures (OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_TENANT). */
export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; tenantSlug: string };

/** Plain http is allowed for a provider on this machine only (a test or a local provider); elsewhere openid-client refuses it. */
function isLoopback(url: URL): boolean {
  return url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

/** The openid-client configuration of the provider, discovered lazily and kept. */
export function oidcClient(settings: OidcSettings) {
  let configuration: Promise<client.Configuration> | undefined;
  return {
    configuration(): Promise<client.Configuration> {
      if (!configuration) {
        const issuer = new URL(settings.issuer);
        configuration = client
          .discovery(issuer, settings.clientId, undefined, client.ClientSecretBasic(settings.clientSecret), {
            ...(isLoopback(issuer) ? { execute: [client.allowInsecureRequests] } : {}),
            timeout: 10,
          })
          .catch((error: unknown) => {
            configuration = undefined;
            throw error;
          });
      }
      return configuration;
    },
  };
}

export type OidcClient = ReturnType<typeof oidcClient>;
