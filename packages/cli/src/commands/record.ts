import { readFileSync } from 'node:fs';
import { startRecordingProxy } from '@kisfo/server';
import { UsageError } from '../cli-errors.js';
import { boolFlag, type Command, intFlag, strFlag } from '../command.js';
import { waitForStop } from './wait-for-stop.js';

/** `kisfo record`: a recording proxy on loopback in front of KIS (or any KIS-compatible host). */
export const recordCommand: Command = {
  name: 'record',
  summary: 'record a KIS session through a loopback proxy into a cassette (secrets redacted)',
  help: `Usage: kisfo record --target URL --out FILE [flags]

Starts a proxy on loopback in front of --target. Point a bot or KisClient at the printed URL
(its base URL); every request is forwarded unchanged and every exchange appended to FILE as one
JSON line: request method, path, query, the headers that matter, body; response status, header
names in their wire case, body exactly as received (the proxy asks for identity encoding), timing.
Secrets are redacted before anything is written: appkey, appsecret, authorization, tokens in
bodies, personalseckey and the corporate personal headers. Replay with \`kisfo serve --replay FILE\`.
Stops on Ctrl-C.

Flags:
  --target URL        KIS host or a KIS-compatible server, e.g. https://openapi.koreainvestment.com:9443
  --out FILE          cassette to append to (JSON lines; created when missing)
  --mask-accounts     replace account numbers by fakes (the same real account → the same fake)
  --target-ca FILE    trust this CA certificate (PEM) for an https target, besides the system's
  --port N            proxy port (default 0: a free one, printed)
  --host ADDR         interface (default 127.0.0.1)
`,
  options: {
    target: { type: 'string' },
    out: { type: 'string' },
    'mask-accounts': { type: 'boolean' },
    'target-ca': { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
  },
  async run(args, ctx) {
    const target = strFlag(args, 'target');
    const out = strFlag(args, 'out');
    if (target === undefined) throw new UsageError('--target URL is required', 'record');
    if (out === undefined) throw new UsageError('--out FILE is required', 'record');
    if (!/^https?:\/\/[^/\s]+/.test(target))
      throw new UsageError(`--target must be an http(s) URL, got "${target}"`, 'record');
    const caPath = strFlag(args, 'target-ca');
    let targetCa: string | undefined;
    if (caPath !== undefined) {
      try {
        targetCa = readFileSync(caPath, 'utf8');
      } catch {
        throw new UsageError(`cannot read --target-ca ${caPath}`, 'record');
      }
    }
    const proxy = await startRecordingProxy({
      ...(targetCa === undefined ? {} : { targetCa }),
      target,
      out,
      maskAccounts: boolFlag(args, 'mask-accounts'),
      port: intFlag(args, 'port', 0, { min: 0, max: 65535 }),
      host: strFlag(args, 'host') ?? '127.0.0.1',
      onExchange: (e) => ctx.stderr.write(`${e.method} ${e.path} → ${e.status}\n`),
    });
    ctx.stdout.write(`kisfo record
  proxy  ${proxy.url}
  target ${target}
  out    ${out}
Point your client's base URL at the proxy. Ctrl-C to stop.
`);
    await waitForStop(ctx.signal);
    await proxy.close();
    ctx.stdout.write(`stopped: ${proxy.writer.count} exchange(s) recorded\n`);
    return 0;
  },
};
