import { addressKey, clientAddress } from './client-address';

describe('client addresses for the per-address limits', () => {
  it('takes the connecting address, or the right-most address a proxy on this machine names', () => {
    expect(clientAddress('203.0.113.9', '198.51.100.1')).toBe('203.0.113.9');
    expect(clientAddress('127.0.0.1', undefined)).toBe('127.0.0.1');
    expect(clientAddress('127.0.0.1', '198.51.100.1, 203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', ['198.51.100.1', '127.0.0.1'])).toBe('198.51.100.1');
    expect(clientAddress(undefined, undefined)).toBe('unknown');
  });

  it('follows TRUST_PROXY as Express does: trusted hops are skipped from the right', () => {
    const trustTen = (a: string) => a.startsWith('10.');
    expect(clientAddress('10.0.0.2', '198.51.100.1, 10.0.0.9', trustTen)).toBe('198.51.100.1');
    expect(clientAddress('127.0.0.1', '198.51.100.1', trustTen)).toBe('127.0.0.1');
    expect(clientAddress('10.0.0.2', '10.0.0.3', trustTen)).toBe('10.0.0.3');
    expect(clientAddress('10.0.0.2', '198.51.100.1, 203.0.113.5', () => true)).toBe('198.51.100.1');
  });

  it('counts IPv4 by address and IPv6 by /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:85a3:0042:1000:8a2e:0370:7334')).toBe('2001:db8:85a3:42::/64');
    expect(addressKey('2001:DB8:85A3:42::1')).toBe('2001:db8:85a3:42::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('unknown')).toBe('unknown');
  });
});
