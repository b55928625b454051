import { isIP } from 'node:net';

/** Addresses of this machine: a reverse proxy here may say who the client is (Express: `trust proxy` = loopback). */
function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/**
 * The client's address as the HTTP side (Express, `trust proxy` = loopback) sees it, for requests
 * Express does not handle (socket.io's handshakes): the connecting address, or, when that is this
 * machine, the right-most address in X-Forwarded-For that is not.
 */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined): string {
  let address = remoteAddress ?? 'unknown';
  if (!isLoopback(address) || forwardedFor === undefined) return address;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((h) => h.trim())
    .filter((h) => h !== '');
  for (let i = hops.length - 1; i >= 0; i--) {
    address = hops[i]!;
    if (!isLoopback(address)) break;
  }
  return address;
}

/**
 * What the per-address limits count by: an IPv4 address as it is, an IPv6 address by its /64
 * (one household or phone gets a whole /64 and can pick any address in it).
 */
export function addressKey(address: string): string {
  const mapped = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(mapped) !== 6) return mapped;
  const [head = '', tail = ''] = mapped.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const groups = mapped.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => g.toLowerCase().replace(/^0+(?=.)/, '')).join(':')}::/64`;
}
