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
<script>
SwaggerUIBundle({
  url: location.pathname.replace(/\\/docs\\/*$/, '') + '/openapi.json',
  dom_id: '#reference',
  deepLinking: true,
});
</script>
</body>
</html>
`;
