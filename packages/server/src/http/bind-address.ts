import { isIP } from 'node:net';

/**
 * Whether `host` names a loopback interface only (`127.0.0.0/8`, `::1`, `localhost`). `0.0.0.0`
 * and `::` bind every interface and are not loopback.
 *
 * @example
 * ```ts
 * isLoopbackHost('127.0.0.1'); // true
 * isLoopbackHost('0.0.0.0'); // false
 * ```
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '0:0:0:0:0:0:0:1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(h)?.[1];
  return mapped?.startsWith('127.') === true;
}

/**
 * Warnings about where the listeners are bound: KIS hosts reachable from other machines, an admin
 * API opened beyond loopback.
 *
 * @example
 * ```ts
 * bindWarnings('0.0.0.0', '127.0.0.1'); // ['the KIS hosts listen on 0.0.0.0 …']
 * ```
 */
export function bindWarnings(kisHost: string, adminHost: string): string[] {
  const out: string[] = [];
  if (!isLoopbackHost(kisHost)) {
    out.push(
      `the KIS hosts listen on ${kisHost}, reachable from other machines: anyone who can reach them can ask for a token with an app key of the ledger. The admin API stays on ${adminHost}.`,
    );
  }
  if (!isLoopbackHost(adminHost)) {
    out.push(
      `the admin API listens on ${adminHost}, beyond loopback: its bearer token is all that guards the ledger.`,
    );
  }
  return out;
}
