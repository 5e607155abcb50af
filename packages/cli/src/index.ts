export { COMMANDS } from './commands/index.js';
export type { Command, CommandContext } from './command.js';
export { EXIT } from './exit-codes.js';
export { main, type MainOptions } from './main.js';
export { cliReference } from './reference.js';
