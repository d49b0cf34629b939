import { describe, expect, it } from 'vitest';
import { parseQuery } from '../src/http/query.js';

const lists = new Set(['cities']);

describe('query strings (OpenAPI style form)', () => {
  it('splits a list at literal commas only, before percent-decoding', () => {
    expect(parseQuery('?cities=Dublin,Washington%2C%20D.C.,Berlin', lists)).toEqual({
      cities: ['Dublin', 'Washington, D.C.', 'Berlin'],
    });
    expect(parseQuery('cities=Paris%2C+Texas', lists)).toEqual({ cities: ['Paris, Texas'] });
  });

  it('takes each value of a repeated list parameter as one item, commas included', () => {
    expect(parseQuery('cities=Dublin&cities=Washington,%20D.C.', lists)).toEqual({
      cities: ['Dublin', 'Washington, D.C.'],
    });
  });

  it('decodes other parameters as URLSearchParams does, repeated ones as arrays', () => {
    const search = '?lang=en&mode=a%2Cb&x=1&x=2&plus=a+b&bad=%E0%A4%A&empty=&flag';
    expect(parseQuery(search, lists)).toEqual({
      lang: 'en',
      mode: 'a,b',
      x: ['1', '2'],
      plus: 'a b',
      bad: new URLSearchParams(search).get('bad'),
      empty: '',
      flag: '',
    });
  });

  it('keeps empty items, so the schema can refuse them', () => {
    expect(parseQuery('cities=Dublin,,Berlin,', lists)).toEqual({ cities: ['Dublin', '', 'Berlin', ''] });
    expect(parseQuery('', lists)).toEqual({});
  });
});
