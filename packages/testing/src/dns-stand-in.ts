/**
 * A DNS server on loopback for tests: a name it was given answers with its IPv4 address,
 * every other name is NXDOMAIN. A server process started with `preloadFlag` in its
 * NODE_OPTIONS and `env` in its environment looks names up here instead of in the
 * system's DNS (see dns-stand-in-preload.mjs), so a test can send `/parse` a name that
 * does not exist, over the wire, without touching the internet.
 */
import { createSocket } from 'node:dgram';
import { fileURLToPath } from 'node:url';

export interface StandInDns {
  /** `127.0.0.1:<port>`. */
  server: string;
  /** What a server process needs in its environment to look names up here. */
  env: { CITYSCOPE_STAND_IN_DNS: string; NODE_OPTIONS: string };
  /** Names asked so far, lower-cased, each with its query type (1: A, 28: AAAA). */
  asked: Array<{ name: string; type: number }>;
  close(): Promise<void>;
}

/** The preload that points a process's `dns/promises` lookup at CITYSCOPE_STAND_IN_DNS. */
export const DNS_PRELOAD = fileURLToPath(new URL('./dns-stand-in-preload.mjs', import.meta.url));

const NXDOMAIN = 3;

/** The question of a query: its name, type, and where the question section ends; undefined if malformed. */
function question(msg: Buffer): { name: string; type: number; end: number } | undefined {
  const labels: string[] = [];
  let i = 12;
  while (i < msg.length) {
    const n = msg[i] as number;
    if (n === 0) {
      if (i + 5 > msg.length) return undefined;
      return { name: labels.join('.').toLowerCase(), type: msg.readUInt16BE(i + 1), end: i + 5 };
    }
    if (n > 63) return undefined; // no compression in a question
    labels.push(msg.toString('latin1', i + 1, i + 1 + n));
    i += 1 + n;
  }
  return undefined;
}

/** The answer to one query: an A record for a known name asked for A, no records for other types, else NXDOMAIN. */
function answer(msg: Buffer, names: ReadonlyMap<string, string>): Buffer | undefined {
  if (msg.length < 12) return undefined;
  const q = question(msg);
  if (!q) return undefined;
  const address = names.get(q.name);
  const records = address && q.type === 1 ? 1 : 0;
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
  // QR, the query's opcode and RD, AA, RA; RCODE
  const flags = 0x8000 | (msg.readUInt16BE(2) & 0x7900) | 0x0400 | 0x0080 | (address ? 0 : NXDOMAIN);
  header.writeUInt16BE(flags, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records, 6);
  const parts = [header, msg.subarray(12, q.end)];
  if (records) {
    const rr = Buffer.alloc(16);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
    rr.writeUInt16BE(1, 2); // A
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6);
    rr.writeUInt16BE(4, 10);
    const octets = (address as string).split('.');
    for (let k = 0; k < 4; k++) rr.writeUInt8(Number(octets[k]), 12 + k);
    parts.push(rr);
  }
  return Buffer.concat(parts);
}

/** Starts the stand-in on an ephemeral loopback UDP port; `names` maps names to IPv4 addresses. */
export async function startStandInDns(names: Record<string, string> = {}): Promise<StandInDns> {
  const known = new Map(Object.entries(names).map(([k, v]) => [k.toLowerCase().replace(/\.$/, ''), v]));
  const socket = createSocket('udp4');
  const asked: StandInDns['asked'] = [];
  socket.on('message', (msg, from) => {
    const q = question(msg);
    if (q) asked.push({ name: q.name, type: q.type });
    const reply = answer(msg, known);
    if (reply) socket.send(reply, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const server = `127.0.0.1:${socket.address().port}`;
  const options = [process.env.NODE_OPTIONS, `--import=${DNS_PRELOAD}`].filter(Boolean).join(' ');
  return {
    server,
    env: { CITYSCOPE_STAND_IN_DNS: server, NODE_OPTIONS: options },
    asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}
