import { readFileSync } from 'node:fs';
import { createSecureContext } from 'node:tls';
import { SystemProblemError } from './cli-errors.js';

function tryContext(options: { cert?: string; key?: string }): Error | undefined {
  try {
    createSecureContext(options);
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

/**
 * Read `--tls-cert` and `--tls-key` and check them before any socket opens, naming the file
 * that is wrong: not a certificate, not a key (or an encrypted one), or a key of another
 * certificate.
 *
 * @example
 * ```ts
 * const tls = readTlsFiles('cert.pem', 'key.pem'); // { cert, key } as PEM text
 * ```
 */
export function readTlsFiles(certPath: string, keyPath: string): { cert: string; key: string } {
  const cert = readFileSync(certPath, 'utf8');
  const key = readFileSync(keyPath, 'utf8');
  const badCert = tryContext({ cert });
  if (badCert !== undefined) {
    const swapped = /PRIVATE KEY-----/.test(cert)
      ? ' — it holds a private key: are the two files swapped?'
      : '';
    return fail(
      `--tls-cert ${certPath} is not a PEM certificate (${reason(badCert)})${swapped}`,
      'pass the certificate file (-----BEGIN CERTIFICATE-----) as --tls-cert',
    );
  }
  const badKey = tryContext({ key });
  if (badKey !== undefined) {
    return fail(
      `--tls-key ${keyPath} is not an unencrypted PEM private key (${reason(badKey)})`,
      'pass the private key file (-----BEGIN PRIVATE KEY-----, no passphrase) as --tls-key',
    );
  }
  const mismatch = tryContext({ cert, key });
  if (mismatch !== undefined) {
    return fail(
      `--tls-key ${keyPath} does not belong to the certificate --tls-cert ${certPath} (${reason(mismatch)})`,
      'pass the key the certificate was issued for',
    );
  }
  return { cert, key };
}

function reason(e: Error): string {
  return e.message.replace(/^error:[0-9A-F]+:/, '').replace(/::/, ': ');
}

function fail(message: string, next: string): never {
  throw new SystemProblemError('file', message, next);
}
