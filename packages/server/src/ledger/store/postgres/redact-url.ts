/**
 * A database URL safe to print: the password (in the authority or a `password=` parameter) is
 * replaced by `***`. Anything that is not a URL (a SQLite path) is returned as is.
 *
 * @example
 * ```ts
 * redactDatabaseUrl('postgres://kisfo:s3cret@db:5432/kisfo'); // 'postgres://kisfo:***@db:5432/kisfo'
 * ```
 */
export function redactDatabaseUrl(value: string): string {
  if (!isPostgresUrl(value)) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    // Unparseable: show only the scheme, since we cannot tell where a password would sit.
    return `${value.split(':')[0]}://***`;
  }
  if (url.password !== '') url.password = '***';
  for (const key of [...url.searchParams.keys()]) {
    if (/^(password|sslpassword|sslkey)$/i.test(key)) url.searchParams.set(key, '***');
  }
  return url.toString();
}

/** Whether a `--db` value names a PostgreSQL database (`postgres://` or `postgresql://`). */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}
