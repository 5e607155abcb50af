// A throwaway PostgreSQL cluster for tests and benchmarks: initdb into a temp dir (as the
// `postgres` user when running as root, since initdb refuses root), pg_ctl on a free loopback
// port with trust auth, one fresh database per caller; stopped and removed afterwards.
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The directory of PostgreSQL's server binaries, or `undefined` when it is not installed. */
export function postgresBinDir(): string | undefined {
  try {
    const dir = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    if (existsSync(join(dir, 'initdb'))) return dir;
  } catch {
    // Debian's pg_config may be the client-only one; look in the versioned directories.
  }
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

/** A running throwaway cluster. */
export interface PgCluster {
  port: number;
  /** URL of database `db` (default `postgres`) as the superuser `postgres`. */
  url(db?: string): string;
  /** A new empty database; its URL. */
  createDatabase(name?: string): Promise<string>;
  /** Stop the server and remove its files (idempotent, synchronous). */
  stop(): void;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function asPostgresUser(bin: string, args: string[]): { cmd: string; args: string[] } {
  return process.getuid?.() === 0
    ? { cmd: 'runuser', args: ['-u', 'postgres', '--', bin, ...args] }
    : { cmd: bin, args };
}

function run(bin: string, args: string[]): void {
  const c = asPostgresUser(bin, args);
  const r = spawnSync(c.cmd, c.args, { encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`${bin} ${args.join(' ')} failed: ${r.stderr || r.stdout || r.error}`);
  }
}

let counter = 0;

/**
 * Start a cluster. Throws when PostgreSQL is not installed (`.ci/run` installs it).
 *
 * @example
 * ```ts
 * const cluster = await startPgCluster();
 * const url = await cluster.createDatabase();
 * cluster.stop();
 * ```
 */
export async function startPgCluster(): Promise<PgCluster> {
  const bin = postgresBinDir();
  if (bin === undefined) {
    throw new Error('PostgreSQL is not installed (apt-get install -y postgresql)');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kisfo-pg-'));
  if (process.getuid?.() === 0) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  run(join(bin, 'initdb'), [
    '-D',
    data,
    '-A',
    'trust',
    '-U',
    'postgres',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  let port = 0;
  let started = false;
  for (let attempt = 0; attempt < 5 && !started; attempt++) {
    port = await freePort();
    const c = asPostgresUser(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'server.log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-k ${dir} -h 127.0.0.1 -p ${port} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`,
      'start',
    ]);
    started = spawnSync(c.cmd, c.args, { encoding: 'utf8' }).status === 0;
  }
  if (!started) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error('could not start PostgreSQL on a free loopback port');
  }
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    const c = asPostgresUser(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
    spawnSync(c.cmd, c.args);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stop);
  const url = (db = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${db}`;
  return {
    port,
    url,
    async createDatabase(name?: string) {
      const db = name ?? `kisfo_${process.pid}_${++counter}`;
      const client = new pg.Client({ connectionString: url() });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${db}"`);
      } finally {
        await client.end();
      }
      return url(db);
    },
    stop,
  };
}
