/**
 * GET /docs: a small HTML page that renders /openapi.json with Swagger UI, the viewer
 * FastAPI serves at /docs. The viewer is not in the function bundle: the user's browser
 * loads it from a CDN at a pinned version, checked by Subresource Integrity. The hashes
 * are of the files in the npm package `swagger-ui-dist` at that version (a test recomputes
 * them from the dev dependency, so a bump without new hashes fails).
 */
export const SWAGGER_UI = {
  version: '5.35.0',
  cdn: 'https://cdn.jsdelivr.net/npm/swagger-ui-dist@5.35.0/',
  files: {
    'swagger-ui-bundle.js': 'sha384-gjRm0bEPMeTmMh5jT2cHccIwCUZSTd8YC+j0d0sXw0MdGEfScduGpSyF3ZSSLkX9',
    'swagger-ui.css': 'sha384-WlYgdmXYOOBWL5apwjDEZwN+U3HmXSSu5R6V5aGxEcf7z+KuRNwBhoxKVN1i3D5I',
  },
} as const;

const asset = (file: keyof typeof SWAGGER_UI.files) =>
  `href="${SWAGGER_UI.cdn}${file}" integrity="${SWAGGER_UI.files[file]}" crossorigin="anonymous"`;

/** The page's one inline script: it starts the viewer. */
export const DOCS_SCRIPT = `
SwaggerUIBundle({
  url: location.pathname.replace(/\\/docs\\/*$/, '') + '/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
});
`;

/**
 * What the page loads beyond itself, for its Content-Security-Policy: the viewer's two
 * files, the inline script above by its hash (a test recomputes it), and the inline
 * styles Swagger UI sets on its elements.
 */
export const DOCS_SOURCES = {
  script: [`${SWAGGER_UI.cdn}swagger-ui-bundle.js`, "'sha256-OujBwlwod+HNWN96GeqwY956Y76FdeVruiK2Boni1KM='"],
  style: [`${SWAGGER_UI.cdn}swagger-ui.css`, "'unsafe-inline'"],
} as const;

/** The page; /openapi.json is found beside /docs, so it also works under a path prefix. */
export const DOCS_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Cityscope API reference</title>
<link rel="stylesheet" ${asset('swagger-ui.css')}>
</head>
<body>
<div id="reference"></div>
<script ${asset('swagger-ui-bundle.js').replace('href=', 'src=')}></script>
<script>${DOCS_SCRIPT}</script>
</body>
</html>
`;
