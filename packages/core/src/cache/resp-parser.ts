/** RESP2, the Redis wire format: the replies and an incremental reader. */

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

const CRLF = 0x0d;

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
