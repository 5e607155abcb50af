// Secrets (app keys, app secrets, access tokens) must never reach logs, error messages, `toJSON`
// or `util.inspect`. Every client registers its secrets here; every error scrubs through here.

export const REDACTED = '[REDACTED]';
const secrets = new Set<string>();

/** Header and body names whose values are always secret, whatever they hold. */
const SECRET_NAMES =
  /^(authorization|appkey|appsecret|personalseckey|access_token|token|secretkey)$/i;

/**
 * Remember a value that must never be shown. Short values are ignored: redacting "P" or "03"
 * everywhere would mangle messages and protect nothing.
 */
export function registerSecret(value: string | undefined): void {
  if (value !== undefined && value.length >= 8) secrets.add(value);
}

/** Replace every registered secret (and bearer tokens) in a text. */
export function redactText(text: string): string {
  let out = text;
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(REDACTED);
  // A bearer token we never saw (e.g. from another process) is still a token.
  return out.replace(/Bearer\s+[A-Za-z0-9._~+/=-]{8,}/g, `Bearer ${REDACTED}`);
}

/** Deep copy of a JSON-like value with secret names and registered secrets redacted. */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] =
      SECRET_NAMES.test(k) && v !== '' && v !== undefined ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
}

/** `Symbol.for('nodejs.util.inspect.custom')`: no `node:util` import, so browsers load this too. */
export const INSPECT = Symbol.for('nodejs.util.inspect.custom');

/** How a secret is shown: never any part of it, only whether it is set. */
export function mask(value: string | undefined): string | undefined {
  return value === undefined ? undefined : REDACTED;
}
