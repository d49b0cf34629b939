import type { ProblemCode } from '../errors.js';

/**
 * How /openapi.json describes access: both ways to send credentials, required on every
 * operation that is not open when the deployment sets API_KEYS or AUTH_* (docs/api.md,
 * "Access"), and the problems a protected operation can answer with.
 */
export const SECURITY_SCHEMES = {
  bearerAuth: {
    type: 'http',
    scheme: 'bearer',
    description:
      'An API key (API_KEYS) or a JWT from the OpenID Connect provider (AUTH_JWKS_URL, AUTH_ISSUER, AUTH_AUDIENCE): `Authorization: Bearer <key or token>`. Required only when the deployment sets one of them.',
  },
  apiKeyAuth: {
    type: 'apiKey',
    in: 'header',
    name: 'X-API-Key',
    description: 'An API key (API_KEYS). Required only when the deployment sets API_KEYS or AUTH_*.',
  },
} as const;

/** Either scheme will do. */
export const SECURITY = [{ bearerAuth: [] }, { apiKeyAuth: [] }];

/** What a protected operation can answer besides its own problems. */
export const PROTECTED_PROBLEMS: ProblemCode[] = ['unauthorized', 'rate_limited'];
