import { isIP } from 'node:net';

/** Addresses of this machine: a reverse proxy here may say who the client is (Express: `trust proxy` = loopback). */
function isLoopback(address: string): boolean {
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** Whether a proxy at this address (the `index`-th hop from the app) may say who the client is: Express's compiled `trust proxy`. */
export type TrustProxy = (address: string, index: number) => boolean;

/**
 * The client's address as Express computes `req.ip` (proxy-addr), for requests Express does not
 * handle (socket.io's handshakes): walking from the connecting address through X-Forwarded-For
 * from right to left, the first address that is not a trusted proxy. With the default trust
 * (TRUST_PROXY=loopback), that is the connecting address unless it is this machine.
 */
export function clientAddress(remoteAddress: string | undefined, forwardedFor: string | string[] | undefined, trust: TrustProxy = isLoopback): string {
  const hops = forwardedFor === undefined ? [] : (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',').map((h) => h.trim()).filter((h) => h !== '');
  const addresses = [remoteAddress ?? 'unknown', ...hops.reverse()];
  for (let i = 0; i < addresses.length - 1; i++) if (!trust(addresses[i]!, i)) return addresses[i]!;
  return addresses.at(-1)!;
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
