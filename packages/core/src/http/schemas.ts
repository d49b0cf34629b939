import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

z.config(en());

/** A Wikipedia language code. */
export const Lang = z._default(
  z
    .string()
    .check(
      z.maxLength(35),
      z.regex(/^[a-z]{2,3}(-[a-z]+)*$/, 'Must be a Wikipedia language code such as "en" or "pt-br"'),
    ),
  'en',
);

/** A page title as a person types it: 1–200 characters after trimming. */
export const CityName = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));

/** An integer query parameter within bounds, with a default. */
export const intParam = (min: number, max: number, fallback: number) =>
  z._default(z.coerce.number().check(z.int(), z.gte(min), z.lte(max)), fallback);

export const CityParams = z.object({ name: CityName });
export const CityQuery = z.object({ lang: Lang, sentences: intParam(1, 10, 3) });
