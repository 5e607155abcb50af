import {
  DEMO_PAPER_APPKEY,
  DEMO_PAPER_APPSECRET,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
} from '@kisfo/server';

/**
 * The keys of KIS's `kis_devlp.yaml` (read by the official samples' `kis_auth.py`) that point
 * them at a kisfo server with the demo apps: `prod` / `vps` are the host URLs the samples call,
 * `my_app` / `my_sec` the real app, `paper_app` / `paper_sec` the paper app, `my_acct_future`
 * the F/O account's 8 digits and `my_prod` its product code (`03` domestic F/O).
 *
 * @example
 * ```ts
 * kisDevlpYaml('http://127.0.0.1:9443', 'http://127.0.0.1:29443'); // 'prod: "http://127.0.0.1:9443"\n…'
 * ```
 */
export function kisDevlpYaml(realUrl: string, paperUrl: string): string {
  return `prod: "${realUrl}"
vps: "${paperUrl}"
my_app: "${DEMO_REAL_APPKEY}"
my_sec: "${DEMO_REAL_APPSECRET}"
paper_app: "${DEMO_PAPER_APPKEY}"
paper_sec: "${DEMO_PAPER_APPSECRET}"
my_acct_future: "80012345"
my_paper_future: "50012345"
my_prod: "03"
`;
}

/**
 * How to reach a server running the built-in demo scenario. The demo credentials are fake and
 * public — they open only the local demo ledger — so they are printed whole, ready to paste.
 */
export function demoCredentialsText(realUrl: string, paperUrl: string): string {
  return `
Demo apps (built-in demo scenario; fake credentials that open only this local ledger):
  real   accounts 80012345-03 (domestic), 12345678-08 (overseas),
         12345678-09 (overseas, one-side liquidation on)
  paper  account  50012345-01

Point the SDK or the CLI at it (real host; both default to KIS_ENV=real):
  export KIS_ENV=real KIS_BASE_URL=${realUrl} KIS_ACCOUNT=80012345-03
  export KIS_APP_KEY=${DEMO_REAL_APPKEY}
  export KIS_APP_SECRET=${DEMO_REAL_APPSECRET}
  npx kisfo balance
  npx kisfo margin --account 12345678-08

Paper host ${paperUrl}:
  export KIS_ENV=paper KIS_BASE_URL=${paperUrl} KIS_ACCOUNT=50012345-01
  export KIS_APP_KEY=${DEMO_PAPER_APPKEY}
  export KIS_APP_SECRET=${DEMO_PAPER_APPSECRET}

KIS's official samples (open-trading-api): in ~/KIS/config/kis_devlp.yaml set
${kisDevlpYaml(realUrl, paperUrl)
  .trimEnd()
  .split('\n')
  .map((l) => (l === '' ? l : `  ${l}`))
  .join('\n')}
  and call auth(svr="prod", product="03"); for the overseas margin detail use
  my_acct_future: "12345678" with product "08". Walk-through: docs/official-samples.md.
`;
}
