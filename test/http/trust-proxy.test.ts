import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseTrustProxy } from '../../src/config.js';

describe('TRUST_PROXY', () => {
  it('trusts no proxy unless told', () => {
    expect(loadConfig({}).http.trustProxy).toBe(false);
    expect(parseTrustProxy(undefined)).toBe(false);
    expect(parseTrustProxy('none')).toBe(false);
  });

  it('reads a number of hops, or addresses, subnets and express\'s names', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('loopback')).toEqual(['loopback']);
    expect(parseTrustProxy('10.0.0.5, 192.168.1.0/24,uniquelocal, ::1, fd00::/8')).toEqual(['10.0.0.5', '192.168.1.0/24', 'uniquelocal', '::1', 'fd00::/8']);
  });

  it('refuses anything else with a message naming the setting', () => {
    for (const value of ['true', 'all', '0', '11', '10.0.0.0/33', 'proxy.xa.vn', '1.2.3']) {
      expect(() => parseTrustProxy(value), value).toThrow(ConfigError);
      expect(() => parseTrustProxy(value), value).toThrow(/^config: TRUST_PROXY: /);
    }
  });
});
