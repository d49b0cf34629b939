/**
 * The outgoing step every converter shares (AWS, Azure, Node): a Web Response's headers
 * as one value per name, with each `Set-Cookie` kept apart. Joining cookies with commas
 * breaks them, and a plain record keeps only the last one.
 */
export function splitHeaders(headers: Headers): { headers: Record<string, string>; cookies: string[] } {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => {
    if (key !== 'set-cookie') out[key] = value;
  });
  return { headers: out, cookies: headers.getSetCookie() };
}
