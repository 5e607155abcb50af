// Run in a child process (its trust store fixed at start: NODE_EXTRA_CA_CERTS): each URL of argv
// through Node's http exchange and through fetch's, printed as one JSON line of outcomes.
import { fetchExchange } from '../../src/fetch-exchange.js';
import { nodeExchange } from '../../src/node-exchange.js';

const exchanges = {
  node: nodeExchange()!,
  fetch: fetchExchange((input, init) => globalThis.fetch(input, init)),
};
const out: Record<string, unknown> = {};
for (const url of process.argv.slice(2)) {
  for (const [name, exchange] of Object.entries(exchanges)) {
    try {
      const res = await exchange(url, {
        method: 'GET',
        headers: { tr_id: 'CTFO6118R' },
        signal: undefined,
        timeout: 5_000,
        onHeaders: () => {},
      });
      out[`${name} ${url}`] = { status: res.status, headers: res.headers, text: res.text };
    } catch (e) {
      out[`${name} ${url}`] = {
        error: (e as Error).constructor.name,
        message: (e as Error).message,
      };
    }
  }
}
console.log(JSON.stringify(out));
