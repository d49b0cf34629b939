#!/usr/bin/env node
// Prints the HTTP API's base URL from `serverless info --verbose` on standard input:
//
//   pnpm exec serverless info --stage prod --verbose | node api-url.mjs
//
// The URL is the stack output `HttpApiUrl`. osls and Serverless Framework 3.40 print it indented
// under "Stack Outputs:" ("  HttpApiUrl: https://…"); older releases printed it flush left, and a
// terminal may add colours. Exits 1 with a message on stderr when there is none, so a deploy's
// smoke test fails here instead of calling "/health" on an empty URL.
import { text } from 'node:stream/consumers';

const ansi = /\u001b\[[0-9;]*m/g;

/** The HttpApiUrl stack output of `serverless info --verbose`, or undefined. */
export function apiUrl(info) {
  const match = /^[ \t]*HttpApiUrl:[ \t]*(\S+)[ \t]*$/m.exec(info.replace(ansi, ''));
  if (!match) return undefined;
  try {
    const url = new URL(match[1]);
    return url.protocol === 'https:' ? url.href.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

if (import.meta.url === new URL(process.argv[1] ?? '', 'file:').href) {
  const url = apiUrl(await text(process.stdin));
  if (url) process.stdout.write(`${url}\n`);
  else {
    process.stderr.write('api-url: no "HttpApiUrl: https://…" line in the output of `serverless info --verbose`\n');
    process.exitCode = 1;
  }
}
