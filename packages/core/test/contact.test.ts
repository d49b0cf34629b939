import { describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../src/config.js';
import { CONTACT_WARNING, readContact, userAgentFor, warnContactOnce } from '../src/contact.js';
import { CONTACT_URL, VERSION } from '../src/version.js';

describe('WIKIMEDIA_CONTACT and the User-Agent', () => {
  it("puts the operator's contact in Wikimedia's form: Cityscope/<version> (<contact>) Node.js/<version>", () => {
    const ua = loadConfig({ WIKIMEDIA_CONTACT: 'ops@example.org' }).userAgent;
    expect(ua).toBe(`Cityscope/${VERSION} (ops@example.org) Node.js/${process.versions.node}`);
    expect(loadConfig({ WIKIMEDIA_CONTACT: ' https://example.org/contact ' }).userAgent).toContain(
      '(https://example.org/contact)',
    );
  });

  it('falls back to the project URL when unset or empty', () => {
    for (const env of [{}, { WIKIMEDIA_CONTACT: '  ' }]) {
      const config = loadConfig(env);
      expect(config.contact).toEqual({ value: CONTACT_URL, fallback: true });
      expect(config.userAgent).toContain(`(${CONTACT_URL})`);
    }
  });

  it('refuses what is neither an email address nor an http(s) URL, naming the setting', () => {
    for (const bad of ['ops', 'ftp://example.org', 'ops@example', 'a (b) c', 'mailto x@y.z'])
      expect(() => readContact(bad), bad).toThrow(/WIKIMEDIA_CONTACT/);
  });

  it('has no library version outside Node', () => {
    expect(userAgentFor('ops@example.org', null)).toBe(`Cityscope/${VERSION} (ops@example.org)`);
  });

  it('warns once per process, only for the fallback', () => {
    const warn = vi.fn();
    warnContactOnce(readContact('ops@example.org'), warn);
    expect(warn).not.toHaveBeenCalled();
    warnContactOnce(readContact(undefined), warn);
    warnContactOnce(readContact(undefined), warn);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(CONTACT_WARNING);
  });
});
