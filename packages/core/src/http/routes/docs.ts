import { defineRoute } from '../route.js';
import { TAGS } from './common.js';

export default defineRoute({
  method: 'GET',
  path: '/docs',
  operationId: 'docs',
  tag: TAGS.service,
  summary: 'This API’s interactive reference (Swagger UI over /openapi.json)',
  description:
    'An HTML page; the browser loads Swagger UI from a CDN at a pinned version, checked by Subresource Integrity.',
  produces: 'text/html',
  response: async () => (await import('../schemas.js')).HtmlPage,
  cache: 'public',
  errors: [],
  open: true,
  cost: 0,
  page: async () => (await import('../docs-page.js')).DOCS_SOURCES,
  run: async () => (await import('../docs-page.js')).DOCS_PAGE,
});
