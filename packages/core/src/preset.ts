import type { Platform } from './config.js';

/**
 * What each build target (a cloud's adapter, or the Node server) tells the tooling
 * about itself, in the manner of Nitro's presets: how its bundle is built, how its
 * local emulator starts, and how the conformance suite calls it in-process. One module
 * per target, beside its adapter (`functions/<cloud>/preset.ts`, `packages/cli/preset.ts`),
 * found by @cityscope/targets (packages/targets). Nothing here is loaded by a function at run time.
 */
export interface Preset {
  platform: Platform;
  build: PresetBuild;
  /** The local emulator `pnpm start` runs (none for the plain Node server, which is `cityscope serve`). */
  emulator?: PresetEmulator;
  /** This target in-process, through its platform's own request and response types. */
  inProcess(): Promise<InProcessRuntime>;
}

export interface PresetBuild {
  /** Absolute path of the entry file. */
  entry: string;
  /** Absolute path of the bundle. */
  outfile: string;
  /** Packages the platform provides at run time, left out of the bundle. */
  external: string[];
  /** Identifiers the bundle has replaced by these JavaScript expressions (esbuild's `define`). */
  define?: Record<string, string>;
  /** Whatever else the platform needs beside the bundle (a zip, package.json, host.json, …). */
  extras?(ctx: BuildContext): void | Promise<void>;
}

export interface BuildContext {
  /** The repository root. */
  root: string;
  /** The folder of the bundle. */
  outdir: string;
  /** The root package's version. */
  version: string;
}

export interface PresetEmulator {
  /** What `pnpm start` calls it, e.g. "AWS Lambda  (serverless-offline)". */
  label: string;
  /** Its default port; `pnpm start --<platform>-port` changes it. */
  defaultPort: number;
  /** Every other port it listens on when given `port` (`pnpm start` checks them all free first). */
  otherPorts?(port: number): number[];
  /** A line `pnpm start` prints under the list of endpoints, if any. */
  footnote?: string;
  /** The command that runs it on a port, with the settings in `env`. */
  command(opts: { root: string; port: number; env: NodeJS.ProcessEnv }): EmulatorCommand;
}

export interface EmulatorCommand {
  command: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** A request as the conformance suite sends it. */
export interface WireRequest {
  method: string;
  /** Path and query exactly as sent on the wire. */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** In-process AWS: deliver the body base64-encoded (isBase64Encoded: true), as API Gateway does for binary media. */
  base64?: boolean;
  /**
   * The caller's address, delivered where the platform reports it: API Gateway's
   * requestContext.http.sourceIp, X-Forwarded-For's last hop (Google, Azure, and the Node
   * server with TRUST_PROXY), the handler's RequestMeta in-process.
   */
  client?: string;
}

/** The answer to a WireRequest. */
export interface Exchange {
  status: number;
  headers: Headers;
  body: string;
}

export interface InProcessRuntime {
  name: Platform;
  send(req: WireRequest): Promise<Exchange>;
  close(): Promise<void>;
}

/** One request over real HTTP. */
export async function fetchExchange(base: string, req: WireRequest): Promise<Exchange> {
  // a front end appends the caller's address as X-Forwarded-For's last hop, after whatever the caller wrote
  const headers = req.client ? { ...req.headers, 'x-forwarded-for': `192.0.2.254, ${req.client}` } : req.headers;
  const res = await fetch(`${base}${req.path}`, { method: req.method, headers, body: req.body });
  return { status: res.status, headers: res.headers, body: await res.text() };
}
