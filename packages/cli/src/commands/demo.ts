import { KisClient } from '@kisfo/client';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET, startServer } from '@kisfo/server';
import { type Command, outputFormat } from '../command.js';
import { positionsTable, summaryTable } from '../output/balance-view.js';
import { renderJson } from '../output/formats.js';
import { marginTree } from '../output/margin-view.js';
import { demoCredentialsText } from './demo-credentials.js';

const DOMESTIC = '80012345-03';
const OVERSEAS = '12345678-08';
/** The demo's overseas account whose broker policy is one-side liquidation (일방해소). */
const ONE_SIDE = '12345678-09';

/** `kisfo demo`: the whole loop — server, token, paged balance, margin detail — on loopback. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'start a local KIS-compatible server with demo data and query it with the SDK',
  help: `Usage: kisfo demo [--json] [--ko]

Starts the kisfo server in-process on free loopback ports with the built-in demo scenario, then
uses the KisClient SDK to issue a token, page through the domestic balance (선물옵션 잔고현황) and
fetch the overseas margin detail (해외선물옵션 증거금상세) in TKR and USD — standard SPAN and
EUREX-style figures with their spread and option credits — then the margin detail of ${ONE_SIDE},
the one account whose broker policy is one-side liquidation (일방해소): its one-side figure is
shown beside the netted one. Nothing leaves this machine.

Flags:
  --json   print the decoded results as JSON instead of tables
  --ko     Korean labels
`,
  options: { json: { type: 'boolean' }, ko: { type: 'boolean' } },
  async run(args, ctx) {
    const format = outputFormat(args);
    const korean = args.values.ko === true;
    const out = ctx.out;
    const server = await startServer({ port: 0, paperPort: 0, logger: () => {} });
    try {
      const client = new KisClient({
        env: 'real',
        appKey: DEMO_REAL_APPKEY,
        appSecret: DEMO_REAL_APPSECRET,
        account: DOMESTIC,
        baseURL: server.realUrl,
        tokenStore: 'memory',
      });
      const say = (s: string) => {
        if (format !== 'json') ctx.stdout.write(s);
      };
      say(
        `${out.bold('kisfo demo')} — KIS-compatible server on ${server.realUrl} (real) and ${server.paperUrl} (paper)\n\n`,
      );
      const token = await client.tokenInfo({ signal: ctx.signal });
      say(
        korean
          ? `${out.cyan('1.')} POST /oauth2/tokenP → 접근토큰 ${token.masked}, 만료 ${token.expiresAt} (한국 시간)\n`
          : `${out.cyan('1.')} POST /oauth2/tokenP → token ${token.masked}, expires ${token.expiresAt} KST\n`,
      );

      let pages = 0;
      const balance = await client.domesticFutureOption.inquireBalance({
        signal: ctx.signal,
        onPage: () => {
          pages++;
        },
      });
      say(
        korean
          ? `${out.cyan('2.')} GET inquire-balance (CTFO6118R) → 포지션 ${balance.positions.length}건, ${pages}페이지 (페이지당 최대 20건)\n\n`
          : `${out.cyan('2.')} GET inquire-balance (CTFO6118R) → ${balance.positions.length} positions in ${pages} page(s) of at most 20\n\n`,
      );
      const [tkr, usd, hedged] = await Promise.all(
        (
          [
            [OVERSEAS, 'TKR'],
            [OVERSEAS, 'USD'],
            [ONE_SIDE, 'USD'],
          ] as const
        ).map(([account, currency]) =>
          client.overseasFutureOption.marginDetail({
            account,
            currency,
            date: server.backOffice.businessDate(),
            signal: ctx.signal,
          }),
        ),
      );
      // The one-side figure (a broker policy, not on KIS's wire) comes from the back office.
      const policy = (account: string, currency: 'TKR' | 'USD') =>
        server.backOffice.overseasMarginDetail(
          { cano: account.slice(0, 8), acntPrdtCd: account.slice(9) },
          { crcyCd: currency, inqrDt: tkr!.resp_dt },
        ).oneSide;
      if (format === 'json') {
        ctx.stdout.write(
          renderJson({
            server: { real: server.realUrl, paper: server.paperUrl },
            balance: { account: DOMESTIC, ...balance },
            marginDetail: { account: OVERSEAS, TKR: tkr, USD: usd },
            oneSideAccount: {
              account: ONE_SIDE,
              USD: hedged,
              oneSide: policy(ONE_SIDE, 'USD'),
            },
          }),
        );
        return 0;
      }
      say(`${out.bold(korean ? `선물옵션 잔고현황 ${DOMESTIC}` : `Positions ${DOMESTIC}`)}\n`);
      say(positionsTable(balance.positions, korean));
      say(`\n${out.bold(korean ? '계좌 요약' : 'Account summary')}\n`);
      say(summaryTable(balance.summary, korean, out));
      say(
        `\n${out.cyan('3.')} GET margin-detail (OTFM3115R) ${OVERSEAS} on ${tkr!.resp_dt}\n\n${out.bold(korean ? 'TKR — 전 상품, 원화 환산' : 'TKR — every product, in KRW')}\n`,
      );
      say(marginTree(tkr!, korean, out, policy(OVERSEAS, 'TKR')));
      say(
        `\n${out.bold(korean ? 'USD — 달러 상품만, 달러 기준' : 'USD — USD products only, in USD')}\n`,
      );
      say(marginTree(usd!, korean, out, policy(OVERSEAS, 'USD')));
      say(
        korean
          ? `\n${out.cyan('4.')} GET margin-detail (OTFM3115R) ${ONE_SIDE} — 일방해소 정책 계좌 (ES 월간 스프레드, ES 대 NQ)\n\n${out.bold('USD — 달러 상품만, 달러 기준')}\n`
          : `\n${out.cyan('4.')} GET margin-detail (OTFM3115R) ${ONE_SIDE} — one-side liquidation policy on (ES calendar, ES against NQ)\n\n${out.bold('USD — USD products only, in USD')}\n`,
      );
      say(marginTree(hedged!, korean, out, policy(ONE_SIDE, 'USD')));
      say(
        korean
          ? `\n${out.bold('다음:')} 같은 서버를 \`npx kisfo serve\`로 직접 띄우세요.`
          : `\n${out.bold('Next:')} run the same server yourself with \`npx kisfo serve\`.`,
      );
      say(demoCredentialsText('http://127.0.0.1:9443', 'http://127.0.0.1:29443'));
      return 0;
    } finally {
      await server.close();
    }
  },
};
