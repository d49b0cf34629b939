import type { NetConnectOpts, Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { type Reply, ReplyError, RespParser, StoreError } from './resp-parser.js';
import { parseStoreUrl } from './store-url.js';

/**
 * A minimal Redis (RESP2) client over node:net / node:tls: one pipelined connection,
 * connected on first use, replies matched to commands in order. Enough for GET, SET,
 * DEL, PING, AUTH and SELECT; what Redis, Valkey and every managed Redis-compatible
 * store speak. It never retries: the cache above it decides what a failure means.
 */

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

function encode(args: readonly string[]): string {
  let out = `*${args.length}\r\n`;
  for (const a of args) out += `$${Buffer.byteLength(a)}\r\n${a}\r\n`;
  return out;
}

/** node:net and node:tls, passed in so that they load only with the store. */
export interface Connector {
  connect?: (options: NetConnectOpts) => Socket;
  connectTls?: (options: ConnectionOptions) => Socket;
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
