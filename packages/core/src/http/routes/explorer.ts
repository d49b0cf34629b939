import { defineRoute } from '../route.js';
import { TAGS } from './common.js';

export default defineRoute({
  method: 'GET',
  path: '/',
  operationId: 'explorer',
  tag: TAGS.service,
  summary: 'The explorer: a page to look up and compare cities, draw routes and hubs, and analyse text',
  description:
    'An HTML page over this API; its script and style sheet are the /assets routes, and nothing is loaded from another origin. The query string opens a view: `?city=Dublin`, `?compare=A,B`, `?route=A,B,C` (`&round=1`), `?hubs=A,B,C` (`&k=2`), `?parse=URL`.',
  produces: 'text/html',
  response: async () => (await import('../schemas.js')).HtmlPage,
  cache: 'page',
  errors: [],
  open: true,
  cost: 0,
  run: async () => (await import('../../explorer/page.js')).EXPLORER_PAGE,
});
