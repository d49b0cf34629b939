import { defineRoute } from '../route.js';
import { TAGS } from './common.js';

export default defineRoute({
  method: 'GET',
  path: '/openapi.json',
  operationId: 'openapi',
  tag: TAGS.service,
  summary: 'This OpenAPI 3.1 document',
  response: async () => {
    // the document itself: checked only for its version here
    const { z, named } = await import('../schemas.js');
    return z.looseObject({ openapi: z.literal('3.1.0') }).check(named('OpenApiDocument'));
  },
  cache: 'public',
  errors: [],
  open: true,
  cost: 0,
  run: async (_input, { deps }) => (await import('../openapi.js')).openApiDocument(deps.routes, deps.version),
});
