import type { Command } from '../command.js';
import { balanceCommand } from './balance.js';
import { dashboardCommand } from './dashboard.js';
import { demoCommand } from './demo.js';
import { depositCommand } from './deposit.js';
import { ledgerExportCommand, ledgerImportCommand } from './ledger.js';
import { ledgerAdvanceCommand } from './ledger-advance.js';
import { ledgerCopyCommand } from './ledger-copy.js';
import { marginCommand } from './margin.js';
import { mcpCommand } from './mcp.js';
import { reconcileCommand } from './reconcile.js';
import { recordCommand } from './record.js';
import { scenarioGenerateCommand } from './scenario.js';
import { scenarioFromKisCommand } from './scenario-from-kis.js';
import { serveCommand } from './serve.js';
import { tokenCommand } from './token.js';
import { whatIfCommand } from './what-if.js';

/** Every `kisfo` command, in the order `--help` lists them. */
export const COMMANDS: readonly Command[] = [
  demoCommand,
  serveCommand,
  tokenCommand,
  balanceCommand,
  depositCommand,
  marginCommand,
  whatIfCommand,
  dashboardCommand,
  ledgerImportCommand,
  ledgerExportCommand,
  ledgerAdvanceCommand,
  ledgerCopyCommand,
  scenarioGenerateCommand,
  recordCommand,
  scenarioFromKisCommand,
  reconcileCommand,
  mcpCommand,
];
