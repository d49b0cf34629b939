import { PLATFORMS } from '../../config.js';
import { defineRoute } from '../route.js';
import { TAGS } from './common.js';

export default defineRoute({
  method: 'GET',
  path: '/health',
  operationId: 'health',
  tag: TAGS.service,
  summary: 'Liveness, version and platform',
  response: async () => {
    const { z, named } = await import('../schemas.js');
    return z
      .strictObject({
        status: z.literal('ok'),
        service: z.literal('cityscope'),
        version: z.string(),
        platform: z.enum(PLATFORMS),
      })
      .check(named('Health'));
  },
  cache: 'no-store',
  errors: [],
  open: true,
  cost: 0,
  run: async (_input, { deps }) => ({
    status: 'ok' as const,
    service: 'cityscope' as const,
    version: deps.version,
    platform: deps.platform,
  }),
});
