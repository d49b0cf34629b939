/** A decoded JSON object (an upstream answer, a value read back from a shared cache). */
export type Json = Record<string, unknown>;

/** Whether a decoded JSON value is an object (not an array, not null). */
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export const isStr = (v: unknown): v is string => typeof v === 'string';
