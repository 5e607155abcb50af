import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { KisApiError, KisClient } from '@kisfo/client';
import {
  DEMO_REAL_APPKEY,
  DEMO_REAL_APPSECRET,
  type RunningServer,
  silentSink,
  startServer,
} from '@kisfo/server';
import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { AjvJsonSchemaValidator } from '@modelcontextprotocol/sdk/validation/ajv';
import { isolatedEnv } from './cli-helpers.js';
import { demoRealConnection } from './demo-connection.js';
import {
  type CallResult,
  connectStdio,
  type McpSession,
  plain,
  storedTokens,
} from './mcp-helpers.js';

const DOMESTIC = '80012345-03';
const OVERSEAS = '12345678-08';
const TOOLS = [
  'check_balance',
  'domestic_balance',
  'domestic_deposit',
  'explain_field',
  'margin_what_if',
  'overseas_margin_detail',
];
const HANGUL = /[\uac00-\ud7a3]/;

describe('kisfo mcp over stdio against a kisfo server', () => {
  let server: RunningServer;
  let session: McpSession;
  let sdk: KisClient;
  let env: NodeJS.ProcessEnv;
  let tools: Map<string, Tool>;
  let businessDate: string;
  /** Every text the child sent back, for the secret checks. */
  const seen: string[] = [];
  const validator = new AjvJsonSchemaValidator();

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kisfo-mcp-'));
    // A ledger file both sides read: the server writes it, margin_what_if reads it (read-only).
    const db = join(dir, 'ledger.db');
    server = await startServer({ port: 0, db, logger: silentSink });
    businessDate = server.backOffice.businessDate();
    env = isolatedEnv({
      ...demoRealConnection(server.realUrl, DOMESTIC),
      KIS_ACCOUNTS: OVERSEAS,
    });
    session = await connectStdio(['--db', db], env);
    sdk = new KisClient({
      env: 'real',
      baseURL: server.realUrl,
      appKey: DEMO_REAL_APPKEY,
      appSecret: DEMO_REAL_APPSECRET,
      account: DOMESTIC,
      tokenStore: 'memory',
    });
    const listed = await session.client.listTools();
    tools = new Map(listed.tools.map((t) => [t.name, t]));
  });

  after(async () => {
    await session?.close();
    await server?.close();
  });

  /** Call a tool; a success is validated against the listed output schema here too. */
  async function call(name: string, args: Record<string, unknown> = {}): Promise<CallResult> {
    const r = (await session.client.callTool({ name, arguments: args })) as CallResult;
    seen.push(JSON.stringify(r));
    if (r.isError !== true) {
      const schema = tools.get(name)?.outputSchema;
      assert.ok(schema !== undefined, `${name} lists an output schema`);
      const check = validator.getValidator(schema as never)(r.structuredContent);
      assert.ok(check.valid, `${name} output fits its schema: ${check.errorMessage}`);
      assert.deepEqual(JSON.parse(r.content[0]!.text!), r.structuredContent, 'text = structured');
    }
    return r;
  }

  const admin = async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${server.adminUrl}/kisfo/admin${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${server.adminToken}`, 'Content-Type': 'application/json' },
    });
    assert.ok(res.ok, `${path}: ${res.status} ${await res.clone().text()}`);
    return res.json() as Promise<Record<string, unknown>>;
  };

  /** A long futures position of the overseas account, from the ledger, as a what-if leg. */
  const heldFuture = async () => {
    const held = (await admin(`/accounts/${OVERSEAS}`)).positions as {
      instrument: string;
      side: string;
      qty: number;
      avgPrice: string;
    }[];
    const position = held.find((p) => p.instrument.split(':').length === 3 && p.side === 'long');
    assert.ok(position, 'the demo overseas account holds a long future');
    const [exchange, classCode, contractMonth] = position.instrument.split(':') as [
      string,
      string,
      string,
    ];
    return { position, leg: { exchange, classCode, contractMonth } };
  };

  const errorBody = (r: CallResult) => {
    assert.equal(r.isError, true, JSON.stringify(r));
    return JSON.parse(r.content[0]!.text!) as Record<string, unknown>;
  };

  it('lists the six tools with input and output schemas, read-only, in English and Korean', () => {
    assert.deepEqual([...tools.keys()].sort(), TOOLS);
    for (const t of tools.values()) {
      assert.equal(t.inputSchema.type, 'object', t.name);
      assert.equal(t.outputSchema?.type, 'object', t.name);
      assert.equal(t.annotations?.readOnlyHint, true, t.name);
      assert.equal(t.annotations?.destructiveHint, false, t.name);
      assert.match(t.description ?? '', /[A-Za-z]{4,} /, `${t.name} has English`);
      assert.match(t.description ?? '', HANGUL, `${t.name} has Korean`);
    }
    // Several accounts are allowed here, so the account is an input limited to exactly those.
    const account = (
      tools.get('domestic_balance')!.inputSchema.properties as Record<string, { enum?: string[] }>
    ).account;
    assert.deepEqual(account?.enum, [DOMESTIC, OVERSEAS]);
    const summary = (
      tools.get('domestic_balance')!.outputSchema!.properties as Record<
        string,
        { properties: Record<string, { type: string; pattern?: string; description: string }> }
      >
    ).summary!.properties;
    assert.equal(summary.mgna_tota?.type, 'string', 'amounts are strings');
    assert.ok(summary.mgna_tota?.pattern, 'amounts carry the exact-decimal pattern');
    assert.match(summary.mgna_tota?.description ?? '', /증거금총액/);
  });

  for (const marginBasis of ['initial', 'maintenance'] as const) {
    for (const settlementBasis of ['settlement', 'purchase'] as const) {
      it(`domestic_balance (${marginBasis}, ${settlementBasis}) equals the SDK's answer`, async () => {
        const r = await call('domestic_balance', { marginBasis, settlementBasis });
        const expected = await sdk.domesticFutureOption.inquireBalance({
          marginBasis,
          settlementBasis,
        });
        assert.deepEqual(r.structuredContent, {
          account: DOMESTIC,
          marginBasis,
          settlementBasis,
          pages: expected.pages,
          positions: expected.positions.map(plain),
          summary: plain(expected.summary),
        });
        assert.ok(expected.positions.length > 0, 'the demo account holds positions');
      });
    }
  }

  it("domestic_deposit equals the SDK's 총자산현황 answer", async () => {
    const r = await call('domestic_deposit');
    const expected = await sdk.domesticFutureOption.inquireDeposit();
    assert.deepEqual(r.structuredContent, { account: DOMESTIC, deposit: plain(expected) });
    assert.notEqual(expected.dnca_tota.toString(), '0', 'the demo account holds a deposit');
  });

  for (const currency of ['TKR', 'TUS', 'USD'] as const) {
    it(`overseas_margin_detail (${currency}) equals the SDK's answer, with the tree`, async () => {
      const r = await call('overseas_margin_detail', { currency, date: businessDate });
      const expected = await sdk.overseasFutureOption.marginDetail({
        account: OVERSEAS,
        currency,
        date: businessDate,
      });
      const out = r.structuredContent as {
        account: string;
        margin: Record<string, unknown>;
        tree: { field: string; parent: string | null; value: string | null }[];
      };
      assert.equal(out.account, OVERSEAS, 'the overseas tool picks the 08 account by itself');
      assert.deepEqual(out.margin, plain(expected));
      const top = out.tree.filter((n) => n.parent === null).map((n) => n.field);
      assert.deepEqual(top.slice(0, 2), ['fm_brkg_mgn_amt', 'fm_mntn_mgn_amt']);
      for (const n of out.tree)
        assert.equal(n.value, expected[n.field as 'fm_brkg_mgn_amt'].toString());
    });
  }

  it("check_balance reports the SDK's checkBalance verdict on the same balance", async () => {
    const r = await call('check_balance', { marginBasis: 'maintenance' });
    const out = r.structuredContent as {
      positions: number;
      consistent: boolean;
      violations: unknown[];
    };
    const balance = await sdk.domesticFutureOption.inquireBalance({ marginBasis: 'maintenance' });
    const { checkBalance } = await import('@kisfo/client');
    const expected = checkBalance(balance);
    assert.equal(out.positions, balance.positions.length);
    assert.equal(out.consistent, expected.length === 0);
    assert.deepEqual(
      out.violations,
      expected.map((v) => ({ ...plain(v) })),
    );
  });

  it('explain_field finds a field by wire name or Korean label, with how kisfo computes it', async () => {
    const byName = (await call('explain_field', { field: 'MGNA_TOTA' })).structuredContent as {
      exact: boolean;
      matches: { name: string; ko: string; where: string; computation?: string }[];
    };
    assert.equal(byName.exact, true);
    assert.equal(byName.matches.length, 1);
    assert.equal(byName.matches[0]!.ko, '증거금총액');
    assert.equal(byName.matches[0]!.where, 'output2');
    assert.match(byName.matches[0]!.computation ?? '', /cash_mgna \+ sbst_mgna/);
    const byLabel = (await call('explain_field', { field: 'FM위탁증거금액' }))
      .structuredContent as typeof byName;
    assert.equal(byLabel.matches[0]!.name, 'fm_brkg_mgn_amt');
    assert.match(byLabel.matches[0]!.computation ?? '', /fm_ustl_mgn_amt \+ fm_ord_mgn_amt/);
    const param = (await call('explain_field', { field: 'EXCC_STAT_CD' })).structuredContent as {
      matches: { where: string; values?: Record<string, string> }[];
    };
    assert.equal(param.matches[0]!.where, 'request');
    assert.deepEqual(Object.keys(param.matches[0]!.values ?? {}), ['1', '2']);
    const partial = (await call('explain_field', { field: '증거금' }))
      .structuredContent as typeof byName;
    assert.equal(partial.exact, false);
    assert.ok(partial.matches.length > 3 && partial.matches.every((m) => m.ko.includes('증거금')));
    const none = errorBody(await call('explain_field', { field: 'no_such_field' }));
    assert.equal(none.error, 'invalid_input');
  });

  it("margin_what_if starts from the server's own figures, domestic and overseas", async () => {
    for (const marginBasis of ['initial', 'maintenance'] as const) {
      const balance = await sdk.domesticFutureOption.inquireBalance({ marginBasis });
      const future = balance.positions.find(
        (p) => /^1/.test(p.shtn_pdno) && p.cblc_qty.isPositive(),
      )!;
      const r = await call('margin_what_if', {
        marginBasis,
        add: [{ pdno: future.shtn_pdno, side: 'long', qty: 1 }],
      });
      const out = r.structuredContent as {
        kind: string;
        businessDate: string;
        figures: { field: string; before: string; after: string; change: string }[];
      };
      assert.equal(out.kind, 'domestic');
      assert.equal(out.businessDate, businessDate);
      for (const f of out.figures) {
        const reported = balance.summary[f.field as 'mgna_tota'];
        assert.equal(
          f.before,
          reported.toString(),
          `${marginBasis} ${f.field} before = the server's`,
        );
      }
    }
    const detail = await sdk.overseasFutureOption.marginDetail({
      account: OVERSEAS,
      currency: 'TUS',
      date: businessDate,
    });
    const fut = await heldFuture();
    const r = await call('margin_what_if', {
      account: OVERSEAS,
      currency: 'TUS',
      add: [{ ...fut.leg, side: 'short', qty: 1 }],
    });
    const out = r.structuredContent as {
      kind: string;
      figures: { field: string; before: string }[];
    };
    assert.equal(out.kind, 'overseas');
    for (const f of out.figures) {
      assert.equal(
        f.before,
        detail[f.field as 'fm_brkg_mgn_amt'].toString(),
        `TUS ${f.field} before`,
      );
    }
  });

  it('margin_what_if predicts what the server reports once the trade is booked', async () => {
    const fut = await heldFuture();
    const leg = { ...fut.leg, side: 'long', qty: 2 };
    const MARGIN = [
      'fm_ustl_mgn_amt',
      'fm_span_brkg_mgn_amt',
      'fm_eurx_brkg_mgn_amt',
      'fm_gnrl_brkg_mgn_amt',
    ];
    const figures = (r: CallResult) =>
      Object.fromEntries(
        (r.structuredContent!.figures as { field: string; before: string; after: string }[]).map(
          (f) => [f.field, f],
        ),
      );
    const predicted = figures(await call('margin_what_if', { account: OVERSEAS, add: [leg] }));
    await admin('/fills', {
      method: 'POST',
      body: JSON.stringify({
        id: 'MCP-T1',
        account: OVERSEAS,
        instrument: fut.position.instrument,
        side: 'buy',
        openClose: 'open',
        qty: 2,
        price: fut.position.avgPrice,
      }),
    });
    const booked = await sdk.overseasFutureOption.marginDetail({
      account: OVERSEAS,
      currency: 'TKR',
      date: businessDate,
    });
    for (const f of MARGIN) {
      assert.equal(
        predicted[f]!.after,
        booked[f as 'fm_ustl_mgn_amt'].toString(),
        `${f} after = booked`,
      );
    }
    // Taking the two off again gives back the figures from before the trade.
    const undone = figures(await call('margin_what_if', { account: OVERSEAS, remove: [leg] }));
    for (const f of MARGIN) {
      assert.equal(undone[f]!.before, booked[f as 'fm_ustl_mgn_amt'].toString());
      assert.equal(undone[f]!.after, predicted[f]!.before, `${f} after removal = before the trade`);
    }
  });

  it('margin_what_if predicts the domestic margin the server reports once the trade is booked', async () => {
    const balance = await sdk.domesticFutureOption.inquireBalance();
    const future = balance.positions.find(
      (p) => /^1/.test(p.shtn_pdno) && p.cblc_qty.isPositive() && p.sll_buy_dvsn_name === '매수',
    );
    assert.ok(future, 'the demo domestic account holds a long future');
    const r = await call('margin_what_if', {
      add: [{ pdno: future.shtn_pdno, side: 'long', qty: 3 }],
    });
    const predicted = Object.fromEntries(
      (r.structuredContent!.figures as { field: string; after: string }[]).map((f) => [
        f.field,
        f.after,
      ]),
    );
    await admin('/fills', {
      method: 'POST',
      body: JSON.stringify({
        id: 'MCP-D1',
        account: DOMESTIC,
        instrument: future.shtn_pdno,
        side: 'buy',
        openClose: 'open',
        qty: 3,
        price: future.idx_clpr.toString(),
      }),
    });
    const booked = await sdk.domesticFutureOption.inquireBalance();
    for (const f of ['mgna_tota', 'cash_mgna', 'sbst_mgna'] as const) {
      assert.equal(predicted[f], booked.summary[f].toString(), `${f} after = booked`);
    }
    assert.notEqual(
      predicted.mgna_tota,
      balance.summary.mgna_tota.toString(),
      'the trade moved it',
    );
  });

  it('errors are MCP tool errors carrying KIS msg_cd and msg1', async () => {
    const late = '20991231';
    const r = await call('overseas_margin_detail', { date: late });
    const body = errorBody(r);
    const kis = await sdk.overseasFutureOption
      .marginDetail({ account: OVERSEAS, currency: 'TKR', date: late })
      .then(
        () => assert.fail('the SDK should refuse a date after the business date'),
        (e: unknown) => e as KisApiError,
      );
    assert.ok(kis instanceof KisApiError);
    assert.equal(body.error, 'kis');
    assert.equal(body.msg_cd, kis.msgCd);
    assert.equal(body.msg1, kis.msg1);
    assert.equal(body.msg_cd, 'OPSQ2001');

    const foreign = await call('domestic_balance', { account: '99999999-03' });
    assert.equal(foreign.isError, true, 'an account outside the configuration is refused');
    const over = errorBody(
      await call('margin_what_if', { remove: [{ pdno: '101W06', side: 'short', qty: 999 }] }),
    );
    assert.equal(over.error, 'invalid_input');
    assert.match(String(over.message), /cannot remove/);
    const unknown = errorBody(
      await call('margin_what_if', {
        account: OVERSEAS,
        add: [{ exchange: 'CME', classCode: 'ZZZ', contractMonth: '209912', side: 'long', qty: 1 }],
      }),
    );
    assert.equal(unknown.error, 'invalid_input', JSON.stringify(unknown));
    assert.match(String(unknown.message), /ZZZ/);
    const empty = errorBody(await call('margin_what_if', {}));
    assert.match(String(empty.message), /add or remove/);
  });

  it('a KIS refusal at sign-in is a tool error too, and no secret or token leaks anywhere', async () => {
    const badSecret = 'not-the-secret-'.repeat(4);
    const wrong = await connectStdio([], { ...env, KIS_APP_SECRET: badSecret });
    try {
      const r = (await wrong.client.callTool({
        name: 'check_balance',
        arguments: {},
      })) as CallResult;
      seen.push(JSON.stringify(r), wrong.stderr());
      const body = errorBody(r);
      assert.equal(body.error, 'kis');
      assert.match(String(body.msg_cd), /^EGW/);
      assert.ok(String(body.msg1).length > 0);
      assert.ok(!JSON.stringify(r).includes(badSecret));
    } finally {
      await wrong.close();
    }
    const tokens = storedTokens(env.KISFO_TOKEN_DIR!);
    assert.ok(tokens.length > 0, 'the child stored the token it used');
    const everything = [...seen, session.stderr(), wrong.stderr()].join('\n');
    assert.ok(everything.length > 1000);
    for (const secret of [DEMO_REAL_APPSECRET, DEMO_REAL_APPKEY, badSecret, ...tokens]) {
      assert.ok(!everything.includes(secret), 'no app key, secret or token in any output or log');
    }
  });
});
