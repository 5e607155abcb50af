import { relative } from 'node:path';
import { SystemProblemError } from './cli-errors.js';

/** A Node system error (`fs`, `net`): code, syscall and what it was about. */
interface SystemError extends Error {
  code: string;
  syscall?: string;
  path?: string;
  dest?: string;
  port?: number;
  address?: string;
  /** The flag that set `port` (added by `kisfo serve`). */
  flag?: string;
}

function isSystemError(e: unknown): e is SystemError {
  return e instanceof Error && typeof (e as SystemError).code === 'string' && 'syscall' in e;
}

function shown(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel !== '' && !rel.startsWith('..') && rel.length < path.length ? rel : path;
}

/**
 * A Node system error in plain words with what to do next, or `undefined` when `e` is not one.
 * `ENOENT` names the file, `EADDRINUSE` the port and the flag that changes it.
 *
 * @example
 * ```ts
 * try { readFileSync('missing.json'); } catch (e) { plainSystemError(e)?.message; } // 'no such file: missing.json'
 * ```
 */
export function plainSystemError(e: unknown): SystemProblemError | undefined {
  if (!isSystemError(e)) return undefined;
  const path = e.path === undefined ? undefined : shown(e.path);
  switch (e.code) {
    case 'ENOENT':
      if (path !== undefined) {
        return new SystemProblemError(
          'file',
          `no such file or directory: ${path}`,
          `check the path (relative paths start from ${process.cwd()})`,
        );
      }
      break;
    case 'EACCES':
    case 'EPERM':
      if (e.syscall === 'listen' || e.syscall === 'bind') {
        return new SystemProblemError(
          'listen',
          `no permission to listen on port ${e.port}`,
          `pass ${e.flag ?? '--port'} with a port above 1023 (0 picks a free one)`,
        );
      }
      if (path !== undefined) {
        return new SystemProblemError(
          'file',
          `permission denied: ${path}`,
          `check the owner and mode of ${path} (ls -l ${path})`,
        );
      }
      break;
    case 'EISDIR':
      return new SystemProblemError(
        'file',
        `${path ?? 'the path'} is a directory, not a file`,
        'give the path of a file',
      );
    case 'ENOTDIR':
      return new SystemProblemError(
        'file',
        `a part of ${path ?? 'the path'} is a file, not a directory`,
        'check the path',
      );
    case 'ENOSPC':
      return new SystemProblemError(
        'file',
        `no space left on the device${path === undefined ? '' : ` writing ${path}`}`,
        'free some disk space and run the command again',
      );
    case 'EROFS':
      return new SystemProblemError(
        'file',
        `${path ?? 'the file'} is on a read-only file system`,
        'write to another directory',
      );
    case 'EADDRINUSE':
      return new SystemProblemError(
        'listen',
        `port ${e.port} on ${e.address ?? 'this machine'} is already in use`,
        `pass ${e.flag ?? '--port'} with another port (0 picks a free one), or stop what listens there`,
      );
    case 'EADDRNOTAVAIL':
      return new SystemProblemError(
        'listen',
        `${e.address ?? 'the address'} is not an address of this machine`,
        'pass --host 127.0.0.1 (or 0.0.0.0 for every interface)',
      );
  }
  return undefined;
}
