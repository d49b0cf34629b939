import { codeOfName, countryFromCode, countryName } from './country-names.js';
import { clean, type Fields, first } from './fields.js';
import { GENERIC, normalizeKey, type Profile, withGeneric } from './profiles.js';
import { render } from './render.js';
import { findTemplate } from './wikitext.js';

/** Templates that show a country: flags by code or name, and bare code templates ({{DEU}}). */
const FLAG =
  /^(flag|flagcountry|flagu|flag country|bandera|band|bandeira|drapeau2|drapeau pays|флаг|флаг страны|flaga|vlag|bandiera|국기|旗)$/;
/** Flags shown without a name ({{drapeau|Allemagne}} on the French Wikipedia): the country only when nothing else is written. */
const FLAG_ICON =
  /^(flagicon|flag icon|flagdeco|banderas?|bandera2|drapeau|drapeaudeco|drapeau-dom|флагификация|флаг-иконка|vlagicon)$/;

/** A country named by a template in the value: {{DEU}}, {{flag|POL}}, {{Flagicon|Germany}} with nothing else. */
function countryTemplate(raw: string, lang: string): string | null {
  const t = findTemplate(raw, (n) => FLAG.test(n) || FLAG_ICON.test(n) || countryFromCode(n, lang) !== null);
  if (!t) return null;
  if (!FLAG.test(t.name) && !FLAG_ICON.test(t.name))
    return t.positional.length === 0 ? countryFromCode(t.name, lang) : null;
  const arg = render(t.named.get('name') ?? t.positional[0] ?? '');
  if (FLAG_ICON.test(t.name) && render(raw) !== '') return null;
  return countryFromCode(arg, lang) ?? (arg || null);
}

/** A country value as shown: a flag template's country in the wiki's language, else the text. */
function countryValue(raw: string, lang: string): string | null {
  const byTemplate = countryTemplate(raw, lang);
  if (byTemplate) return byTemplate;
  const text = clean(render(raw));
  if (text && /^[A-Z]{2,3}$/.test(text)) return countryFromCode(text, lang) ?? text;
  return text;
}

/** The infobox's country, in the wiki's language: a field, a subdivision, the template's own rule. */
export function country(fields: Fields, box: { name: string; profile: Profile | null }, lang: string): string | null {
  const { profile } = box;
  for (const k of withGeneric(profile?.country, GENERIC.country)) {
    const raw = fields.get(normalizeKey(k));
    if (raw === undefined) continue;
    const value = countryValue(raw, lang);
    if (value) return value;
    // a bare country template ({{Canada}}) renders the flag and the name
    const bare = /^\{\{\s*([\p{Lu}][\p{L} .'-]{1,40})\s*\}\}$/u.exec(raw.trim());
    if (bare) return bare[1] as string;
  }
  // {{Infobox country}} (city-states such as Singapore or Monaco) is about the country itself
  if (box.name === 'infobox country') {
    const own = first(fields, ['common_name', 'conventional_short_name', 'name']);
    if (own) return clean(own.text);
  }
  // {{Infobox settlement}} (and {{Info/Assentamento}}'s subdivisão_*): subdivision_name is the
  // country unless subdivision_type says otherwise
  for (const [type, name] of [
    ['subdivision_type', 'subdivision_name'],
    ['subdivisão_tipo', 'subdivisão_nome'],
  ]) {
    for (const suffix of ['', '1', '2', '3']) {
      const said = render(fields.get(`${type}${suffix}`) ?? '').toLowerCase();
      const isCountry =
        /countr|sovereign|\bpaís|\bpais\b|\bpays\b|\bland\b|\bstaat\b|\bstato\b|страна|państwo|国|國/.test(said);
      if (suffix === '' ? said === '' || isCountry : isCountry) {
        const raw = fields.get(`${name}${suffix}`);
        const value = raw === undefined ? null : countryValue(raw, lang);
        if (value) return value;
      }
    }
  }
  if (profile?.countryCode) return countryName(profile.countryCode, lang);
  const named = profile?.countryInName?.exec(box.name)?.[1];
  const code = named ? codeOfName(named, lang) : null;
  return code ? countryName(code, lang) : null;
}
