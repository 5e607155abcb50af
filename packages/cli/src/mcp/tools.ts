import { checkBalance, type KisClient } from '@kisfo/client';
import {
  domesticBalancePositionFields,
  domesticBalanceSummaryFields,
  domesticDepositFields,
  type MarginDetailCurrency,
  overseasMarginDetailFields,
} from '@kisfo/protocol';
import type { LedgerStore } from '@kisfo/server';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { UsageError } from '../cli-errors.js';
import { MARGIN_TREE, type MarginTreeNode } from '../output/margin-view.js';
import { whatIfFigures } from '../what-if-figures.js';
import { type AccountPolicy, pickAccount } from './accounts.js';
import { explainField } from './explain-field.js';
import { scrubSecrets, toolErrorResult } from './tool-errors.js';
import {
  accountInput,
  checkBalanceOutput,
  currencyInput,
  domesticBalanceOutput,
  domesticDepositOutput,
  explainFieldOutput,
  marginBasisInput,
  overseasMarginOutput,
  settlementBasisInput,
  whatIfInput,
  whatIfOutput,
} from './tool-schemas.js';
import { domesticLegs, overseasLegs } from './what-if-legs.js';
import { wireRecordJson } from './wire-schemas.js';

/** What the tools read from: the SDK client, the account policy and the what-if ledger. */
export interface ToolDeps {
  client: KisClient;
  policy: AccountPolicy;
  /** Strings that must never appear in any output (app key and secret, personal key). */
  secrets: string[];
  /** Open the ledger `margin_what_if` runs the engines on (closed after each call). */
  openWhatIfLedger(): Promise<LedgerStore>;
  /** Which ledger that is, for the output (`built-in demo`, `scenario FILE`, `ledger FILE`). */
  whatIfLedgerName: string;
  /** Today in Korea (YYYYMMDD), the default inquiry date. */
  today(): string;
  /** One line per call (stderr). */
  log(line: string): void;
}

const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true } as const;

/**
 * A tool's input: its shape, with any other argument refused by name, never dropped. With one
 * account configured the shape offers no `account`, yet a caller may still name one: it reaches
 * the tool, which refuses any account but the configured one (a dropped `account: "…"` answered
 * for the configured account as if it were the one asked for).
 */
function toolInput<T extends z.ZodObject>(schema: T, takesAccount = true): T {
  const shape = schema.shape;
  const checked = schema.loose().superRefine((args, ctx) => {
    for (const key of Object.keys(args)) {
      if (key in shape) continue;
      if (takesAccount && key === 'account') {
        if (typeof (args as Record<string, unknown>)[key] !== 'string') {
          ctx.addIssue({ code: 'custom', path: [key], message: 'account must be an 8-2 string' });
        }
        continue;
      }
      const takes = Object.keys(shape).join(', ');
      ctx.addIssue({
        code: 'custom',
        path: [key],
        message: `unknown argument "${key}" (this tool takes ${takes === '' ? 'none' : takes})`,
      });
    }
  });
  // The handlers read only the shape's fields (and `account`, checked by the account policy).
  return checked as unknown as T;
}

const specLabel = new Map<string, { ko: string; en: string }>(
  [...domesticBalanceSummaryFields, ...overseasMarginDetailFields].map((f) => [
    f.name as string,
    { ko: f.ko, en: f.en },
  ]),
);

function marginTreeRows(margin: Record<string, string | boolean>) {
  const rows: z.infer<typeof overseasMarginOutput>['tree'] = [];
  const walk = (nodes: readonly MarginTreeNode[], parent: string | null, depth: number) => {
    for (const n of nodes) {
      const label = specLabel.get(n.field);
      const v = margin[n.field];
      rows.push({
        field: n.field,
        parent,
        depth,
        ko: label?.ko ?? n.field,
        en: label?.en ?? n.field,
        value: typeof v === 'string' ? v : null,
      });
      if (n.children !== undefined) walk(n.children, n.field, depth + 1);
    }
  };
  walk(MARGIN_TREE, null, 0);
  return rows;
}

/**
 * Register kisfo's read-only tools on an MCP server. Every tool answers with structured content
 * matching its output schema (numbers as exact decimal strings) and a JSON text copy; a failure
 * is a tool error (`isError: true`) carrying KIS's `msg_cd` and `msg1` when KIS answered.
 *
 * @example
 * ```ts
 * const server = new McpServer({ name: 'kisfo', version: '0.1.0' });
 * registerKisfoTools(server, deps);
 * await server.connect(new StdioServerTransport());
 * ```
 */
export function registerKisfoTools(server: McpServer, deps: ToolDeps): void {
  const account = accountInput(deps.policy.allowed);
  const secrets = deps.secrets;
  const run = async <T extends Record<string, unknown>>(name: string, body: () => Promise<T>) => {
    const started = Date.now();
    try {
      const structured = await body();
      deps.log(`${name}: ok (${Date.now() - started} ms)`);
      // Figures and labels only reach this point; the scrub is the last guard, not the first.
      const text = scrubSecrets(JSON.stringify(structured), secrets);
      return {
        content: [{ type: 'text' as const, text }],
        structuredContent: JSON.parse(text) as T,
      };
    } catch (e) {
      const result = toolErrorResult(e, secrets);
      deps.log(`${name}: error ${result.content[0].text}`);
      return result;
    }
  };

  server.registerTool(
    'domestic_balance',
    {
      title: 'Domestic futures/options balance · 선물옵션 잔고현황',
      description:
        "Every position and the account summary of a domestic (KRX) futures & options account, from KIS's 선물옵션 잔고현황 (CTFO6118R) over all pages. Amounts are KRW as exact decimal strings.\n\n국내 선물옵션 계좌의 전체 잔고(모든 페이지)와 계좌 요약(예수금, 증거금, 주문가능·인출가능 금액, 손익)을 조회합니다. 금액은 정확한 십진 문자열(원)입니다.",
      inputSchema: toolInput(
        z.object({
          ...account,
          marginBasis: marginBasisInput,
          settlementBasis: settlementBasisInput,
        }),
      ),
      outputSchema: domesticBalanceOutput,
      annotations: { ...READ_ONLY, openWorldHint: true },
    },
    (args, extra) =>
      run('domestic_balance', async () => {
        const id = pickAccount(deps.policy, (args as { account?: string }).account, 'domestic');
        const r = await deps.client.domesticFutureOption.inquireBalance({
          account: id,
          marginBasis: args.marginBasis,
          settlementBasis: args.settlementBasis,
          signal: extra.signal,
        });
        return {
          account: id,
          marginBasis: args.marginBasis,
          settlementBasis: args.settlementBasis,
          pages: r.pages,
          positions: r.positions.map((p) => wireRecordJson(p, domesticBalancePositionFields)),
          summary: wireRecordJson(r.summary, domesticBalanceSummaryFields),
        };
      }),
  );

  server.registerTool(
    'domestic_deposit',
    {
      title: 'Domestic futures/options total assets · 선물옵션 총자산현황',
      description:
        "The total-assets figures of a domestic (KRX) futures & options account from KIS's 선물옵션 총자산현황 (CTRP6550R): deposits, substitutes, margins, orderable and withdrawable totals, next-day deposit. Amounts are KRW as exact decimal strings.\n\n국내 선물옵션 계좌의 총자산현황(예탁금, 대용, 증거금, 주문가능·인출가능 총액, 익일예수금)을 조회합니다. 금액은 정확한 십진 문자열(원)입니다.",
      inputSchema: toolInput(z.object({ ...account })),
      outputSchema: domesticDepositOutput,
      annotations: { ...READ_ONLY, openWorldHint: true },
    },
    (args, extra) =>
      run('domestic_deposit', async () => {
        const id = pickAccount(deps.policy, (args as { account?: string }).account, 'domestic');
        const d = await deps.client.domesticFutureOption.inquireDeposit({
          account: id,
          signal: extra.signal,
        });
        return { account: id, deposit: wireRecordJson(d, domesticDepositFields) };
      }),
  );

  server.registerTool(
    'overseas_margin_detail',
    {
      title: 'Overseas futures/options margin detail · 해외선물옵션 증거금상세',
      description:
        "Every margin figure of an overseas futures & options account for one currency view and date, from KIS's 해외선물옵션 증거금상세 (OTFM3115R, real environment only), flat and as a tree: initial vs maintenance, SPAN / EUREX-style / general / orders. Amounts are exact decimal strings in the view's currency.\n\n해외 선물옵션 계좌의 증거금상세(위탁·유지, SPAN / EUREX / 일반 / 주문 증거금)를 통화 기준과 조회일자별로 조회합니다(실전 전용). 금액은 해당 통화의 정확한 십진 문자열입니다.",
      inputSchema: toolInput(
        z.object({
          ...account,
          currency: currencyInput,
          date: z
            .string()
            .regex(/^\d{8}$/)
            .optional()
            .describe(
              'Inquiry date YYYYMMDD (Korea); default today in Korea. 조회일자 (기본: 오늘).',
            ),
        }),
      ),
      outputSchema: overseasMarginOutput,
      annotations: { ...READ_ONLY, openWorldHint: true },
    },
    (args, extra) =>
      run('overseas_margin_detail', async () => {
        const id = pickAccount(deps.policy, (args as { account?: string }).account, 'overseas');
        const date = args.date ?? deps.today();
        const m = await deps.client.overseasFutureOption.marginDetail({
          account: id,
          currency: args.currency as MarginDetailCurrency,
          date,
          signal: extra.signal,
        });
        const margin = wireRecordJson(m, overseasMarginDetailFields);
        return { account: id, currency: args.currency, date, margin, tree: marginTreeRows(margin) };
      }),
  );

  server.registerTool(
    'margin_what_if',
    {
      title: 'Margin what-if · 가상 포지션 증거금 계산',
      description: `"What would my margin be if…": adds hypothetical positions to (or takes quantity off) an account's book and reruns kisfo's settlement and margin engines (KRX margin for domestic accounts, SPAN / EUREX-style / general for overseas ones). Returns each figure before, after and the change, as exact decimal strings. Nothing is ordered or written. The engines read a kisfo ledger (${deps.whatIfLedgerName}), not KIS: KIS does not publish the risk parameters they need.\n\n가상의 포지션을 추가하거나 보유 포지션을 줄였을 때의 증거금·주문가능금액 변화를 kisfo 엔진으로 계산합니다(주문 없음, 기록 없음). 변경 전·후·차이를 정확한 십진 문자열로 돌려줍니다.`,
      inputSchema: toolInput(z.object({ ...account, ...whatIfInput })),
      outputSchema: whatIfOutput,
      annotations: { ...READ_ONLY, openWorldHint: false },
    },
    (args) =>
      run('margin_what_if', async () => {
        const id = pickAccount(deps.policy, (args as { account?: string }).account);
        if (args.add.length + args.remove.length === 0) {
          throw new UsageError('give at least one position in add or remove');
        }
        const store = await deps.openWhatIfLedger();
        try {
          const r = whatIfFigures(
            store,
            id,
            {
              domestic: { add: domesticLegs(args.add), remove: domesticLegs(args.remove) },
              overseas: { add: overseasLegs(args.add), remove: overseasLegs(args.remove) },
            },
            { basis: args.marginBasis, currency: args.currency as MarginDetailCurrency },
          );
          return {
            account: r.account,
            kind: r.kind,
            businessDate: r.businessDate,
            ledger: deps.whatIfLedgerName,
            marginBasis: args.marginBasis,
            currency: args.currency,
            figures: r.rows.map((row) => ({
              field: row.field,
              ko: specLabel.get(row.field)?.ko ?? row.field,
              en: specLabel.get(row.field)?.en ?? row.field,
              before: row.before.toString(),
              after: row.after.toString(),
              change: row.change.toString(),
            })),
          };
        } finally {
          store.close();
        }
      }),
  );

  server.registerTool(
    'explain_field',
    {
      title: 'Explain a KIS field · 필드 설명',
      description:
        'What a field of the KIS futures & options inquiries kisfo speaks (선물옵션 잔고현황, 총자산현황, 해외 증거금상세) means and how kisfo computes it, from the protocol specs: Korean label, kind, length, decimals, code values and the computation. Look up by wire name (mgna_tota, MGNA_DVSN) or Korean label (증거금총액); partial text lists the fields containing it.\n\nKIS 선물옵션 잔고현황·총자산현황·해외 증거금상세의 필드(영문 필드명 또는 한글 항목명)가 무엇을 뜻하고 kisfo가 어떻게 계산하는지 설명합니다.',
      inputSchema: toolInput(
        z.object({
          field: z
            .string()
            .min(1)
            .max(60)
            .describe(
              'Wire name or Korean label, e.g. mgna_tota or 증거금총액. 필드명 또는 한글명.',
            ),
        }),
        false,
      ),
      outputSchema: explainFieldOutput,
      annotations: { ...READ_ONLY, openWorldHint: false },
    },
    (args) =>
      run('explain_field', async () => {
        const r = explainField(args.field);
        if (r.matches.length === 0) {
          throw new UsageError(
            `no field of the balance, total assets or margin detail is named or labelled "${args.field}"; try a wire name such as mgna_tota or fm_brkg_mgn_amt, or a Korean label such as 증거금`,
          );
        }
        return { query: args.field, ...r };
      }),
  );

  server.registerTool(
    'check_balance',
    {
      title: 'Check the balance identities · 잔고 항등식 점검',
      description:
        "Fetches the domestic balance (all pages) and checks the documented identities between positions and summary (deposits, margin, orderable and withdrawable amounts, P&L roll-ups, page sums, each row's valuation P&L). Returns every identity that does not hold, with the expected and the reported figure.\n\n국내 선물옵션 잔고를 조회해 잔고와 계좌 요약 사이의 항등식(예수금, 증거금, 주문가능·인출가능, 손익 합계 등)을 점검하고, 성립하지 않는 항목을 기대값·실제값과 함께 돌려줍니다.",
      inputSchema: toolInput(
        z.object({
          ...account,
          marginBasis: marginBasisInput,
          settlementBasis: settlementBasisInput,
        }),
      ),
      outputSchema: checkBalanceOutput,
      annotations: { ...READ_ONLY, openWorldHint: true },
    },
    (args, extra) =>
      run('check_balance', async () => {
        const id = pickAccount(deps.policy, (args as { account?: string }).account, 'domestic');
        const r = await deps.client.domesticFutureOption.inquireBalance({
          account: id,
          marginBasis: args.marginBasis,
          settlementBasis: args.settlementBasis,
          signal: extra.signal,
        });
        const violations = checkBalance(r);
        return {
          account: id,
          marginBasis: args.marginBasis,
          settlementBasis: args.settlementBasis,
          positions: r.positions.length,
          consistent: violations.length === 0,
          violations: violations.map((v) => ({
            field: v.field,
            expected: v.expected.toString(),
            actual: v.actual.toString(),
            message: v.message,
          })),
        };
      }),
  );
}
