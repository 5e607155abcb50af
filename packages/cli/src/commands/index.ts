import { type CommandEntry, lazy } from '../registry.js';

/**
 * Every `kisfo` command, in the order `--help` lists them. Each entry is
 * `lazy(name, summary, () => import('./file.js'), 'exportName')`: the module is imported only
 * when the command runs, so `kisfo --help` stays fast and `kisfo balance` loads no server code.
 * The summary must equal the command's own `summary` (a test checks every entry).
 */
export const COMMANDS: readonly CommandEntry[] = [
  lazy(
    'demo',
    'start a local KIS-compatible server with demo data and query it with the SDK',
    () => import('./demo.js'),
    'demoCommand',
  ),
  lazy(
    'serve',
    'run the KIS-compatible server (real and paper hosts) from a ledger',
    () => import('./serve.js'),
    'serveCommand',
  ),
  lazy(
    'token',
    'issue or reuse the access token (shown masked), or --revoke it',
    () => import('./token.js'),
    'tokenCommand',
  ),
  lazy(
    'balance',
    '선물옵션 잔고현황: every position (all pages) and the account summary',
    () => import('./balance.js'),
    'balanceCommand',
  ),
  lazy(
    'deposit',
    '선물옵션 총자산현황: deposits, margin, P&L and orderable figures in one object',
    () => import('./deposit.js'),
    'depositCommand',
  ),
  lazy(
    'margin',
    '해외선물옵션 증거금상세: SPAN / EUREX / general / order margin of one currency view',
    () => import('./margin.js'),
    'marginCommand',
  ),
  lazy(
    'margin what-if',
    'margin of an account plus hypothetical positions, from the engines (no server)',
    () => import('./what-if.js'),
    'whatIfCommand',
  ),
  lazy(
    'dashboard',
    'print (or --open) a one-time link to the web dashboard of a running server',
    () => import('./dashboard.js'),
    'dashboardCommand',
  ),
  lazy(
    'config',
    'show every effective connection setting and where it comes from (secrets masked)',
    () => import('./config.js'),
    'configCommand',
  ),
  lazy(
    'ledger import',
    'import a scenario (JSON/YAML) into a ledger (SQLite or PostgreSQL), all or nothing',
    () => import('./ledger.js'),
    'ledgerImportCommand',
  ),
  lazy(
    'ledger export',
    'export a ledger (SQLite or PostgreSQL) as a scenario document (JSON or --yaml)',
    () => import('./ledger.js'),
    'ledgerExportCommand',
  ),
  lazy(
    'ledger advance',
    "close the ledger's business day and open the next KRX business day (or --to DATE)",
    () => import('./ledger-advance.js'),
    'ledgerAdvanceCommand',
  ),
  lazy(
    'ledger check',
    'name every account of a ledger whose inquiry would not answer now (EGW00002), and why',
    () => import('./ledger-check.js'),
    'ledgerCheckCommand',
  ),
  lazy(
    'ledger copy',
    'copy a whole ledger between SQLite and PostgreSQL (all or nothing, verified)',
    () => import('./ledger-copy.js'),
    'ledgerCopyCommand',
  ),
  lazy(
    'scenario generate',
    'generate a large synthetic scenario (deterministic for a seed)',
    () => import('./scenario.js'),
    'scenarioGenerateCommand',
  ),
  lazy(
    'record',
    'record a KIS session through a loopback proxy into a cassette (secrets redacted)',
    () => import('./record.js'),
    'recordCommand',
  ),
  lazy(
    'scenario from-kis',
    'build a scenario from KIS answers (a cassette or saved JSON) of both inquiries',
    () => import('./scenario-from-kis.js'),
    'scenarioFromKisCommand',
  ),
  lazy(
    'reconcile',
    "compare every field of KIS's answers with kisfo's engines (N of M fields equal)",
    () => import('./reconcile.js'),
    'reconcileCommand',
  ),
  lazy(
    'master import',
    'load a KIS master file (fo_*_code*.mst, ffcode.mst) into a ledger (SQLite or PostgreSQL)',
    () => import('./master.js'),
    'masterImportCommand',
  ),
  lazy(
    'mcp',
    'read-only MCP tool server (stdio, or streamable HTTP on loopback) for AI assistants',
    () => import('./mcp.js'),
    'mcpCommand',
  ),
];
