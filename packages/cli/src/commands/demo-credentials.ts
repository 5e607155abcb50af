import {
  DEMO_PAPER_APPKEY,
  DEMO_PAPER_APPSECRET,
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
} from '@kisfo/server';

/**
 * How to reach a server running the built-in demo scenario. The demo credentials are fake and
 * public — they open only the local demo ledger — so they are printed whole, ready to paste.
 */
export function demoCredentialsText(realUrl: string, paperUrl: string): string {
  return `
Demo apps (built-in demo scenario; fake credentials that open only this local ledger):
  real   accounts 80012345-03 (domestic), 12345678-08 (overseas)
  paper  account  50012345-01

Point the SDK, the CLI or KIS's official samples at it (real host):
  export KIS_ENV=real KIS_BASE_URL=${realUrl} KIS_ACCOUNT=80012345-03
  export KIS_APP_KEY=${DEMO_REAL_APPKEY}
  export KIS_APP_SECRET=${DEMO_REAL_APPSECRET}
  npx kisfo balance

Paper host ${paperUrl}:
  export KIS_ENV=paper KIS_BASE_URL=${paperUrl} KIS_ACCOUNT=50012345-01
  export KIS_APP_KEY=${DEMO_PAPER_APPKEY}
  export KIS_APP_SECRET=${DEMO_PAPER_APPSECRET}

KIS's official samples: put the host URL and these keys in kis_devlp.yaml (my_url / my_app / my_sec).
`;
}
