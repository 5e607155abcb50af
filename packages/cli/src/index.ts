export type { Command, CommandContext, ParsedArgs } from './command.js';
export { COMMANDS } from './commands/index.js';
export { INQUIRY_COMMANDS } from './commands/inquiry-views.js';
export { EXIT } from './exit-codes.js';
export { type MainOptions, main } from './main.js';
export type { Style } from './output/style.js';
export { cliReference } from './reference.js';
export { type CommandEntry, type CommandExport, lazy } from './registry.js';
