import type { Platform } from '../config.js';
import type { Logger } from '../log.js';
import { METRICS, type Message, protobufBody, TRACES } from './otlp-proto.js';
import type { OtlpExport } from './settings.js';

/**
 * Posts one signal's OTLP bodies to its endpoint, in the encoding its settings ask for
 * (http/protobuf unless OTEL_EXPORTER_OTLP_(<SIGNAL>_)PROTOCOL says http/json). When no
 * protocol was set and the endpoint answers protobuf with an error that is not a passing one,
 * the same body is sent as JSON; if that is taken, every later body goes as JSON, said once:
 * an endpoint that takes only JSON keeps receiving, and one that takes only protobuf, failing
 * for a moment, is not switched.
 */

const POST_TIMEOUT_MS = 10_000;
/** OTLP/HTTP's retryable answers: the endpoint is busy, not refusing the encoding. */
const PASSING = new Set([429, 502, 503, 504]);

export class OtlpSender {
  readonly #target: OtlpExport;
  readonly #schema: Message;
  readonly #logger: Logger;
  readonly #userAgent: string;
  readonly #posting: Set<Promise<void>>;
  #json: boolean;
  #failing = false;

  /** `posting` collects the posts under way, for a flush to wait on. */
  constructor(
    target: OtlpExport,
    signal: 'traces' | 'metrics',
    logger: Logger,
    platform: Platform,
    posting: Set<Promise<void>>,
  ) {
    this.#target = target;
    this.#schema = signal === 'traces' ? TRACES : METRICS;
    this.#logger = logger;
    this.#userAgent = `cityscope (${platform})`;
    this.#posting = posting;
    this.#json = target.protocol === 'http/json';
  }

  /** Sends a JSON-mapped OTLP body (from tracesBody or metricsBody), off the caller's path. */
  send(body: unknown): void {
    const asJson = this.#json;
    const p = this.#post(body, asJson)
      .then(async (res) => {
        if (res.ok || asJson || !this.#target.protocolDefaulted || PASSING.has(res.status)) return res;
        const json = await this.#post(body, true);
        if (!json.ok) return res;
        if (!this.#json) {
          this.#json = true; // once, though several posts may have been refused
          this.#logger.warn('the OTLP endpoint refused protobuf: sending JSON (set OTEL_EXPORTER_OTLP_PROTOCOL)', {
            url: this.#target.url,
            status: res.status,
          });
        }
        return json;
      })
      .then((res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        this.#failing = false;
      })
      .catch((err: unknown) => {
        // one warning per run of failures, not one per batch
        if (!this.#failing) this.#logger.warn('telemetry export failed', { url: this.#target.url, error: String(err) });
        this.#failing = true;
      })
      .finally(() => this.#posting.delete(p));
    this.#posting.add(p);
  }

  async #post(body: unknown, json: boolean): Promise<Response> {
    const res = await fetch(this.#target.url, {
      method: 'POST',
      headers: {
        ...this.#target.headers,
        'content-type': json ? 'application/json' : 'application/x-protobuf',
        'user-agent': this.#userAgent,
      },
      body: json ? JSON.stringify(body) : protobufBody(body, this.#schema),
      signal: AbortSignal.timeout(POST_TIMEOUT_MS),
    });
    await res.body?.cancel().catch(() => {});
    return res;
  }
}
