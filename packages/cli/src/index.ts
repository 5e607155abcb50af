export type { Command, CommandContext } from './command.js';
export { COMMANDS } from './commands/index.js';
export { INQUIRY_COMMANDS } from './commands/inquiry-views.js';
export { EXIT } from './exit-codes.js';
export { type MainOptions, main } from './main.js';
export { cliReference } from './reference.js';
