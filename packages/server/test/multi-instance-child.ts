// Child of multi-instance.test.ts (and the PostgreSQL benchmark): one `kisfo serve`-like instance
// on the database named by argv[2]; prints its URLs as one JSON line, stops on SIGTERM.
import { startServer } from '../src/index.js';

const server = await startServer({
  port: 0,
  db: process.argv[2]!,
  adminToken: 'admin-token-of-the-shared-test-deployment',
  // Failed requests go to stderr so a test or benchmark shows why.
  logger: (line: string) => {
    if (!line.includes('"status":200')) process.stderr.write(`${line}\n`);
  },
  rateLimits: { real: 1_000_000, paper: 1_000_000 },
});
process.stdout.write(
  `${JSON.stringify({ realUrl: server.realUrl, paperUrl: server.paperUrl, adminUrl: server.adminUrl })}\n`,
);
process.once('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});
