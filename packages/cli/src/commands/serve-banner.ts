import type { RunningServer } from '@kisfo/server';
import { demoCredentialsText } from './demo-credentials.js';

/**
 * What `kisfo serve` prints once it listens: the two KIS hosts, the admin listener with its
 * token, the business date, and — on the demo ledger — the demo credentials ready to paste into
 * the SDK's environment or KIS's `kis_devlp.yaml`.
 *
 * @example
 * ```ts
 * ctx.stdout.write(serveBanner(server, { demo: true, ledger: 'in memory' }));
 * ```
 */
export function serveBanner(
  server: Pick<
    RunningServer,
    'realUrl' | 'paperUrl' | 'adminUrl' | 'adminToken' | 'backOffice' | 'dashboardUrl'
  >,
  options: { demo: boolean; ledger: string },
): string {
  const head = `kisfo server · business date ${server.backOffice.businessDate()}
  ledger ${options.ledger}
  real   ${server.realUrl}
  paper  ${server.paperUrl}
  admin  ${server.adminUrl}/kisfo/admin  (Authorization: Bearer ${server.adminToken})
  dashboard ${server.dashboardUrl() ?? '(no ledger)'}  (one-time link; \`kisfo dashboard\` mints more)
`;
  return options.demo ? head + demoCredentialsText(server.realUrl, server.paperUrl) : head;
}
