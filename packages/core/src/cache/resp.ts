import type { connect as netConnect, Socket } from 'node:net';
import type { connect as tlsConnect } from 'node:tls';
import { parseStoreUrl } from './store-url.js';

/**
 * A minimal Redis (RESP2) client over node:net / node:tls: one pipelined connection,
 * connected on first use, replies matched to commands in order. Enough for GET, SET,
 * DEL, PING, AUTH and SELECT; what Redis, Valkey and every managed Redis-compatible
 * store speak. It never retries: the cache above it decides what a failure means.
 */

export type Reply = string | number | null | Reply[] | ReplyError | typeof TOO_LARGE;

/** An error reply (`-ERR …`): the store answered, but refused the command. */
export class ReplyError extends Error {
  override name = 'ReplyError';
}

/** A failure to reach or hear from the store (connect error, closed, timed out). */
export class StoreError extends Error {
  override name = 'StoreError';
}

/** Marks a bulk reply larger than the size cap: its bytes were skipped, never buffered. */
export const TOO_LARGE: unique symbol = Symbol('too large');

export interface RespOptions {
  /** redis://[user:password@]host[:port][/db] or rediss://… (TLS). */
  url: string;
  /** Per command, connecting included. */
  timeoutMs: number;
  /** A bulk reply above this many bytes is skipped (the caller sees TOO_LARGE). */
  maxBulkBytes: number;
  /** Commands waiting for replies on the one connection; above it a command fails at once. */
  maxPending?: number;
}

interface Pending {
  resolve(reply: Reply): void;
  reject(err: Error): void;
  timer: NodeJS.Timeout | undefined;
  done: boolean;
}

const CRLF = 0x0d;

function encode(args: readonly string[]): string {
  let out = `*${args.length}\r\n`;
  for (const a of args) out += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return out;
}

/** An incremental RESP2 reader: feed it bytes, it yields whole replies; linear in the input. */
export class RespParser {
  #chunks: Buffer[] = [];
  #total = 0;
  /** Bytes the next reply needs before it is worth trying again. */
  #need = 0;
  /** Where (in the buffer being read) the incomplete reply needs bytes up to. */
  #needEnd = 0;
  /** Bytes of a too-large bulk still to discard. */
  #skip = 0;
  constructor(private readonly maxBulkBytes: number) {}

  push(chunk: Buffer, emit: (r: Reply) => void): void {
    if (this.#skip > 0) {
      const n = Math.min(this.#skip, chunk.length);
      this.#skip -= n;
      chunk = chunk.subarray(n);
      if (chunk.length === 0) return;
    }
    this.#chunks.push(chunk);
    this.#total += chunk.length;
    if (this.#total < this.#need) return;
    let buf = this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, this.#total);
    this.#chunks = [];
    this.#total = 0;
    this.#need = 0;
    let pos = 0;
    while (pos < buf.length) {
      const r = this.#read(buf, pos, true);
      if (r === undefined) break;
      if (r.skip !== undefined) {
        // a too-large bulk: drop what is here, discard the rest as it arrives
        const have = buf.length - r.end;
        emit(TOO_LARGE);
        if (r.skip > have) {
          this.#skip = r.skip - have;
          pos = buf.length;
          break;
        }
        pos = r.end + r.skip;
        continue;
      }
      emit(r.value);
      pos = r.end;
    }
    if (pos < buf.length) {
      this.#need = this.#needEnd - pos;
      buf = buf.subarray(pos);
      this.#chunks.push(buf);
      this.#total = buf.length;
    }
  }

  #line(buf: Buffer, pos: number): { text: string; end: number } | undefined {
    const cr = buf.indexOf(CRLF, pos);
    if (cr < 0 || cr + 1 >= buf.length) {
      this.#needEnd = buf.length + 1;
      return undefined;
    }
    if (buf[cr + 1] !== 0x0a) throw new StoreError('malformed reply from the cache store');
    return { text: buf.toString('latin1', pos + 1, cr), end: cr + 2 };
  }

  #read(buf: Buffer, pos: number, top: boolean): { value: Reply; end: number; skip?: number } | undefined {
    const line = this.#line(buf, pos);
    if (!line) return undefined;
    const type = buf[pos];
    switch (type) {
      case 0x2b: // +
        return { value: line.text, end: line.end };
      case 0x2d: // -
        return { value: new ReplyError(line.text), end: line.end };
      case 0x3a: // :
        return { value: Number(line.text), end: line.end };
      case 0x24: {
        // $
        const len = Number(line.text);
        if (!Number.isInteger(len) || len < -1) throw new StoreError('malformed reply from the cache store');
        if (len === -1) return { value: null, end: line.end };
        if (len > this.maxBulkBytes) {
          if (top) return { value: TOO_LARGE, end: line.end, skip: len + 2 };
          throw new StoreError('reply from the cache store over the size cap');
        }
        if (line.end + len + 2 > buf.length) {
          this.#needEnd = line.end + len + 2;
          return undefined;
        }
        return { value: buf.toString('utf8', line.end, line.end + len), end: line.end + len + 2 };
      }
      case 0x2a: {
        // *
        const n = Number(line.text);
        if (!Number.isInteger(n) || n < -1 || n > 1_000_000)
          throw new StoreError('malformed reply from the cache store');
        if (n === -1) return { value: null, end: line.end };
        const items: Reply[] = [];
        let end = line.end;
        for (let i = 0; i < n; i++) {
          const item = this.#read(buf, end, false);
          if (!item) return undefined;
          items.push(item.value);
          end = item.end;
        }
        return { value: items, end };
      }
      default:
        throw new StoreError('malformed reply from the cache store');
    }
  }
}

/** node:net and node:tls, passed in so that they load only with the store. */
export interface Connector {
  connect?: typeof netConnect;
  connectTls?: typeof tlsConnect;
}

export class RespClient {
  readonly #opts: RespOptions;
  readonly #connector: Connector;
  readonly #conn: ReturnType<typeof parseStoreUrl>;
  #socket: Socket | undefined;
  readonly #queue: Pending[] = [];
  #corked = false;
  #closed = false;

  constructor(opts: RespOptions, connector: Connector) {
    this.#opts = opts;
    this.#connector = connector;
    this.#conn = parseStoreUrl(opts.url);
  }

  /** Sends one command; resolves with its reply (an error reply resolves as a ReplyError). */
  command(args: readonly string[]): Promise<Reply> {
    if (this.#closed) return Promise.reject(new StoreError('cache store client closed'));
    if (this.#queue.length >= (this.#opts.maxPending ?? 10_000)) {
      return Promise.reject(new StoreError('too many cache commands waiting'));
    }
    const socket = this.#ensure();
    return new Promise<Reply>((resolve, reject) => {
      const p: Pending = { resolve, reject, timer: undefined, done: false };
      p.timer = setTimeout(() => {
        // the connection is suspect: drop it (every command on it fails) and start afresh next time
        this.#reset(socket, new StoreError(`cache store did not answer within ${this.#opts.timeoutMs} ms`));
      }, this.#opts.timeoutMs);
      this.#queue.push(p);
      this.#write(socket, encode(args));
    });
  }

  close(): void {
    this.#closed = true;
    if (this.#socket) this.#reset(this.#socket, new StoreError('cache store client closed'));
  }

  #write(socket: Socket, data: string): void {
    if (!this.#corked) {
      this.#corked = true;
      socket.cork();
      process.nextTick(() => {
        this.#corked = false;
        socket.uncork();
      });
    }
    socket.write(data);
  }

  #ensure(): Socket {
    if (this.#socket) return this.#socket;
    const c = this.#conn;
    const { connect, connectTls } = this.#connector;
    let socket: Socket;
    if (c.tls) {
      if (!connectTls) throw new StoreError('no TLS connector for rediss://');
      // SNI carries names only, never an address
      socket = connectTls({ host: c.host, port: c.port, ...(/^[\d.]+$|:/.test(c.host) ? {} : { servername: c.host }) });
    } else {
      if (!connect) throw new StoreError('no TCP connector for redis://');
      socket = connect({ host: c.host, port: c.port });
    }
    socket.setNoDelay(true);
    socket.setKeepAlive(true, 30_000);
    // an idle connection never keeps a process alive (the CLI exits when done); a pending
    // command's timer does, until its reply
    socket.unref();
    const parser = new RespParser(this.#opts.maxBulkBytes);
    this.#socket = socket;
    socket.on('data', (chunk: Buffer) => {
      try {
        parser.push(chunk, (reply) => this.#settle(reply));
      } catch (err) {
        this.#reset(socket, err instanceof Error ? err : new StoreError(String(err)));
      }
    });
    socket.on('error', (err) => this.#reset(socket, new StoreError(`cache store connection failed: ${err.message}`)));
    socket.on('close', () => this.#reset(socket, new StoreError('cache store closed the connection')));
    // the handshake rides in front of the first command; a refusal closes the connection
    const hello: string[][] = [];
    if (c.password) hello.push(c.username ? ['AUTH', c.username, c.password] : ['AUTH', c.password]);
    if (c.db) hello.push(['SELECT', String(c.db)]);
    for (const args of hello) {
      this.#queue.push({
        resolve: (r) => {
          if (r instanceof ReplyError)
            this.#reset(socket, new StoreError(`cache store refused ${args[0]}: ${r.message}`));
        },
        reject: () => {},
        timer: undefined,
        done: false,
      });
      this.#write(socket, encode(args));
    }
    return socket;
  }

  #settle(reply: Reply): void {
    const p = this.#queue.shift();
    if (!p) return;
    clearTimeout(p.timer);
    if (p.done) return;
    p.done = true;
    p.resolve(reply);
  }

  #reset(socket: Socket, err: Error): void {
    if (this.#socket !== socket) return;
    this.#socket = undefined;
    socket.destroy();
    for (const p of this.#queue.splice(0)) {
      clearTimeout(p.timer);
      if (p.done) continue;
      p.done = true;
      p.reject(err);
    }
  }
}
