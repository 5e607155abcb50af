// A server in its own process for tests that measure it from outside (memory as RSS): prints one
// JSON line with its URLs and pid, stops on SIGTERM.
import { startServer } from '../src/index.js';

const server = await startServer({ port: 0, logger: () => {}, businessDate: '20250320' });
process.stdout.write(
  `${JSON.stringify({ realUrl: server.realUrl, paperUrl: server.paperUrl, pid: process.pid })}\n`,
);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
