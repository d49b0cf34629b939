/**
 * The security headers of the answers: `X-Content-Type-Options: nosniff` on every
 * answer (a browser never guesses a type other than the one sent), and a strict
 * Content-Security-Policy on every page (HTML, and SVG, which can hold script):
 * nothing but what the page names may load or run, no plugin, no <base>, and no
 * framing (`frame-ancestors 'none'`, with `X-Frame-Options: DENY` for old browsers).
 * See docs/api.md ("Response headers").
 */

/** What one page may load beyond itself, by kind (CSP source expressions). */
export interface PageSources {
  script?: readonly string[];
  style?: readonly string[];
  img?: readonly string[];
  connect?: readonly string[];
  font?: readonly string[];
}

/** Every answer's header against MIME sniffing. */
export const NOSNIFF = { 'x-content-type-options': 'nosniff' } as const;

const list = (own: readonly string[], more: readonly string[] = []) => [...own, ...more].join(' ');

/**
 * The Content-Security-Policy of a page: same-origin script, style, images (and
 * `data:` images), fonts and fetches, plus the sources it names; everything else refused.
 */
export function contentSecurityPolicy(sources: PageSources = {}): string {
  return [
    "default-src 'none'",
    `script-src ${list(["'self'"], sources.script)}`,
    `style-src ${list(["'self'"], sources.style)}`,
    `img-src ${list(["'self'", 'data:'], sources.img)}`,
    `font-src ${list(["'self'"], sources.font)}`,
    `connect-src ${list(["'self'"], sources.connect)}`,
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Whether an answer of this Content-Type is a page a browser renders with script (HTML, SVG). */
export const isPage = (contentType: string | undefined) =>
  contentType !== undefined && /^(text\/html|image\/svg\+xml)\b/i.test(contentType);

/** The page headers of an answer of this Content-Type (none for data answers). */
export function pageHeaders(contentType: string | undefined, sources?: PageSources): Record<string, string> {
  if (!isPage(contentType)) return {};
  return { 'content-security-policy': contentSecurityPolicy(sources), 'x-frame-options': 'DENY' };
}
