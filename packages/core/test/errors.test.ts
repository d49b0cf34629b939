import { describe, expect, it } from 'vitest';
import * as errors from '../src/errors.js';
import { CityscopeError, itemError, NotFoundError, PROBLEMS, UpstreamError } from '../src/errors.js';
import { toProblem } from '../src/http/problem.js';

const classes = Object.entries(errors as Record<string, unknown>).filter(
  (e): e is [string, new (...args: never[]) => CityscopeError] =>
    typeof e[1] === 'function' && e[1].prototype instanceof CityscopeError,
);
/** Each class built with the arguments its constructor takes. */
const ARGS: Record<string, unknown[]> = {
  ValidationError: [[{ path: 'x', message: 'bad' }]],
  MethodNotAllowedError: [['GET'], 'POST'],
  AmbiguousError: ['x', ['A', 'B']],
  UpstreamUnavailableError: ['x', 503, null],
};
const make = (name: string, C: new (...args: never[]) => CityscopeError) =>
  new (C as unknown as new (...args: unknown[]) => CityscopeError)(...(ARGS[name] ?? ['x']));

describe('one PROBLEMS table', () => {
  it('gives every error class its status and title, and each class names itself', () => {
    expect(classes.length).toBe(Object.keys(PROBLEMS).length);
    const codes = new Set<string>();
    for (const [exported, C] of classes) {
      const e = make(exported, C);
      codes.add(e.code);
      expect(e.name, exported).toBe(exported);
      expect(e.status, exported).toBe(PROBLEMS[e.code].status);
      expect(e.title, exported).toBe(PROBLEMS[e.code].title);
      expect(toProblem(e, '/x', 'r').body).toMatchObject({ status: e.status, title: e.title, code: e.code });
    }
    expect([...codes].sort()).toEqual(Object.keys(PROBLEMS).sort());
  });

  it('is what per-item errors carry; a 5xx fails the whole request instead', () => {
    expect(itemError(new NotFoundError('gone'))).toEqual({ status: 404, code: 'not_found', detail: 'gone' });
    expect(() => itemError(new UpstreamError('down'))).toThrow(UpstreamError);
  });
});
