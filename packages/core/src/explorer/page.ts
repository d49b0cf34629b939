import { ASSETS } from './assets.generated.js';

/**
 * GET /: the explorer, one page over this API. Its script and style sheet are same-origin
 * assets at versioned URLs (no inline script or style: it works under a strict
 * Content-Security-Policy); nothing is loaded from another origin. Links are relative, so
 * the page also works under a path prefix (an API Gateway stage).
 */
const asset = (name: keyof typeof ASSETS) => `assets/${name}?v=${ASSETS[name].version}`;

const view = (id: string, title: string, intro: string, fields: string, button: string) => `
<section id="view-${id}" aria-labelledby="${id}-title" hidden>
<h2 id="${id}-title">${title}</h2>
<p>${intro}</p>
<form data-for="${id}" role="search" aria-label="${title}">
${fields}
<button type="submit">${button}</button>
</form>
<output aria-live="polite"></output>
</section>`;

const citiesField = (id: string, example: string) =>
  `<label class="grow" for="${id}-q">Cities, one per line or comma-separated<textarea id="${id}-q" name="q" rows="4" required placeholder="${example}"></textarea></label>`;

export const EXPLORER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cityscope explorer</title>
<meta name="description" content="Look up cities, compare them, plan routes and regional hubs on a map, and analyse text, with the Cityscope API.">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${asset('explorer.css')}">
<script type="module" src="${asset('explorer.js')}"></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header>
<div class="brand"><h1>Cityscope</h1><p>City facts, routes and hubs from Wikipedia · <a href="docs">API reference</a></p></div>
<nav aria-label="Views">
<ul>
<li><a href="?" data-view="city">City</a></li>
<li><a href="?" data-view="compare">Compare</a></li>
<li><a href="?" data-view="route">Route</a></li>
<li><a href="?" data-view="hubs">Hubs</a></li>
<li><a href="?" data-view="analyze">Analyse text</a></li>
<li><a href="?" data-view="parse">Parse a page</a></li>
</ul>
</nav>
</header>
<div id="key-panel" hidden>
<form id="key-form" aria-labelledby="key-title">
<div class="grow"><h2 id="key-title">API key</h2><p id="key-note"></p>
<label for="key-input">Key<input id="key-input" type="password" autocomplete="off" required></label></div>
<button type="submit">Use this key</button>
<button type="button" class="secondary" id="key-cancel">Cancel</button>
</form>
</div>
<main id="main" tabindex="-1">
${view('city', 'Look up a city', 'Facts with their sources (the page’s infobox, Wikidata, GeoData), a summary and keywords.', '<label class="grow" for="city-q">City<input id="city-q" name="q" type="text" required placeholder="Dublin" autocomplete="off"></label>', 'Look up')}
${view('compare', 'Compare cities', 'Two to twenty cities side by side, with the great-circle distances between them.', citiesField('compare', 'Toronto, Montreal, Ottawa'), 'Compare')}
${view('route', 'Plan a route', 'The shortest order to visit the cities, drawn on a map as great-circle legs.', `${citiesField('route', 'Toronto\nMontreal\nOttawa')}<label class="check"><input name="round" type="checkbox" value="1"> Round trip</label>`, 'Plan route')}
${view('hubs', 'Find regional hubs', 'The cities grouped around hubs (k-means on the sphere), each group in its own colour.', `${citiesField('hubs', 'Toronto, Montreal, Ottawa, Dublin')}<label for="hubs-k">Hubs (k, optional)<input id="hubs-k" name="k" type="number" min="1" max="20" inputmode="numeric"></label>`, 'Find hubs')}
${view('analyze', 'Analyse a text', 'Statistics, keywords, tone and a summary of any text.', '<label class="grow" for="analyze-q">Text<textarea id="analyze-q" name="q" rows="6" required></textarea></label>', 'Analyse')}
${view('parse', 'Parse a web page', 'Title, headings, links, readable text and keywords of a public web page, fetched by the API.', '<label class="grow" for="parse-q">Page address<input id="parse-q" name="q" type="url" required placeholder="https://example.org/"></label>', 'Parse')}
</main>
<footer><p>Maps: outline from Natural Earth; city positions from Wikipedia. Everything on this page comes from this server.</p></footer>
</body>
</html>
`;
