// Run in a child process (its trust store fixed at start: NODE_EXTRA_CA_CERTS): each URL of argv
// through Node's http exchange and through fetch's, printed as one JSON line of outcomes keyed
// `node <url>` and `fetch <url>`.
import { fetchExchange } from '../../src/fetch-exchange.js';
import { nodeExchange } from '../../src/node-exchange.js';
import { outcome } from './exchange-outcome.js';

const exchanges = {
  node: nodeExchange()!,
  fetch: fetchExchange((input, init) => globalThis.fetch(input, init)),
};
const out: Record<string, unknown> = {};
for (const url of process.argv.slice(2)) {
  for (const [name, exchange] of Object.entries(exchanges)) {
    out[`${name} ${url}`] = await outcome(exchange, url);
  }
}
console.log(JSON.stringify(out));
