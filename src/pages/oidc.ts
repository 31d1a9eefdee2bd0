/** OpenID Connect for staff: the municipality's identity provider (filled in below). */
export type OidcSettings = { issuer: string; clientId: string; clientSecret: string; tenantSlug: string };
