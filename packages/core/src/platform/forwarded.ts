/**
 * The caller's address from an X-Forwarded-For header: its last hop, the one the
 * platform's own front end added (a client can write any hops before it). A port is
 * dropped (`1.2.3.4:5678`, `[::1]:5678`). Which header each platform trusts is in
 * docs/api.md ("Access"); the plain server trusts it only with TRUST_PROXY.
 */
export function lastForwardedHop(header: string | string[] | null | undefined): string | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const hop = value.slice(value.lastIndexOf(',') + 1).trim();
  if (!hop || hop.length > 64) return undefined;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(hop);
  if (bracketed) return bracketed[1];
  const v4 = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(hop);
  return v4 ? v4[1] : hop;
}
