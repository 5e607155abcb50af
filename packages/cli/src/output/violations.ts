import type { BalanceViolation } from '@kisfo/client';
import type { Style } from './style.js';

/** `--check` report: one line per violated identity, or a line saying all hold. */
export function violationsText(violations: readonly BalanceViolation[], style: Style): string {
  if (violations.length === 0) return `${style.green('check:')} every documented identity holds\n`;
  return violations.map((v) => `${style.red('check:')} ${v.message}\n`).join('');
}
