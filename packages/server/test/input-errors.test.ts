// Every input error of protocol, risk and server is one shape: a KisfoInputError whose issues
// are { path, message }, reached here by a real bad input through each public entry point. The
// server's answer table is keyed by real class names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CassetteFormatError,
  domesticInquireBalance,
  type InputIssue,
  KisfoInputError,
  parseCassette,
  SpecError,
  validateParams,
} from '@kisfo/protocol';
import {
  computeDomesticBalance,
  computeOverseasMarginDetail,
  KisMasterParseError,
  KrxInputError,
  KrxMaster,
  KrxMasterError,
  OverseasInputError,
  Pa2ParseError,
  parseKisMasterLine,
  parsePa2,
  SAMPLE_OVERSEAS_FX_RATES,
  SAMPLE_OVERSEAS_RISK_PARAMETERS,
} from '@kisfo/risk';
import {
  AnswersError,
  DashboardInputError,
  DEMO_SCENARIO,
  domesticQueryOf,
  importScenario,
  LedgerConflictError,
  LedgerValidationError,
  openLedger,
  parseAnswers,
} from '../src/index.js';
import { INPUT_ERROR_ANSWERS, inputErrorAnswer } from '../src/input-error-answers.js';
import { REAL_APP } from './http-fake-back-office.js';
import {
  balanceQuery,
  harness,
  inquire,
  issueToken,
  kisHeaders,
  postJson,
} from './http-harness.js';

/** The error `fn` throws (it must throw). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (e) {
    return e;
  }
  assert.fail('expected the call to throw');
}

/** `e` is a KisfoInputError of class `cls` whose issues are non-empty `{ path, message }`. */
function assertInputError<T extends KisfoInputError>(
  e: unknown,
  cls: abstract new (...args: never[]) => T,
  firstPath: string | RegExp,
): T {
  assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
  assert.ok(e instanceof KisfoInputError);
  assert.equal(e.name, cls.name);
  assert.ok(e.issues.length > 0);
  for (const i of e.issues as readonly InputIssue[]) {
    assert.equal(typeof i.path, 'string');
    assert.equal(typeof i.message, 'string');
    assert.ok(i.path.length > 0 && i.message.length > 0, JSON.stringify(i));
  }
  const path = e.issues[0]!.path;
  if (typeof firstPath === 'string') assert.equal(path, firstPath);
  else assert.match(path, firstPath);
  return e;
}

const PA2_81 =
  '81CBT06        06        FUT 202507            000000000000+00000+00567-00567-00567+00567+01133-01133-01133+00000000284100N';

describe('one input-error shape, through each public entry point', () => {
  it('protocol: SpecError from parameter validation, with the field and label kept', () => {
    const e = assertInputError(
      thrown(() =>
        validateParams(domesticInquireBalance.params, {
          CANO: '8001234',
          ACNT_PRDT_CD: '03',
          MGNA_DVSN: '01',
          EXCC_STAT_CD: '1',
          CTX_AREA_FK200: '',
          CTX_AREA_NK200: '',
        }),
      ),
      SpecError,
      'CANO',
    );
    assert.equal(e.issues[0]!.field, 'CANO');
    assert.match(e.issues[0]!.message, /exactly 8 characters/);
  });

  it('protocol: CassetteFormatError names its line', () => {
    const e = assertInputError(
      thrown(() => parseCassette('\n{"v":1}\n')),
      CassetteFormatError,
      'line 2',
    );
    assert.equal(e.line, 2);
  });

  it('risk: KrxInputError from the domestic balance, path kept as before', () => {
    const e = assertInputError(
      thrown(() =>
        computeDomesticBalance({
          account: {
            dnca_cash: '10101527360',
            frcr_dncl_amt: '0',
            dnca_sbst: '0',
            positions: [
              {
                pdno: 'KR4101SC0009',
                side: 'long',
                qty: -3,
                avgPrice: '320.50',
                priorSettlement: '309.10',
              },
            ],
            fills: [],
            orders: [],
          },
          market: {
            asOf: '2022-11-01',
            quotes: [{ pdno: '101S12', price: '307.45' }],
            underlyings: [{ group: 'KOSPI200', level: '306.90', vol: 0.2 }],
          },
          mgnaDvsn: '01',
          exccStatCd: '1',
        }),
      ),
      KrxInputError,
      'account.positions[0].qty',
    );
    assert.equal(e.path, 'account.positions[0].qty');
    assert.ok(e.message.startsWith('account.positions[0].qty: '), e.message);
  });

  it('risk: OverseasInputError from the margin detail; .field is the path', () => {
    const c = SAMPLE_OVERSEAS_RISK_PARAMETERS.classes[0]!;
    const k = c.contracts[0]!;
    const e = assertInputError(
      thrown(() =>
        computeOverseasMarginDetail({
          account: {
            cano: '12345678',
            acnt_prdt_cd: '08',
            balances: [{ currency: 'USD', equity: '250000.00' }],
          },
          positions: [
            {
              exchange: c.exchange,
              classCode: c.classCode,
              contractMonth: k.contractMonth,
              kind: k.kind,
              strike: k.strike,
              quantity: '1.5',
            },
          ],
          riskParameters: SAMPLE_OVERSEAS_RISK_PARAMETERS,
          fxRates: SAMPLE_OVERSEAS_FX_RATES,
          inqrDt: '20250320',
          crcyCd: 'TKR',
        }),
      ),
      OverseasInputError,
      'positions[0].quantity',
    );
    assert.equal(e.field, 'positions[0].quantity');
  });

  it('risk: Pa2ParseError names line and field', () => {
    const bad = `${PA2_81.slice(0, 66)}0a567${PA2_81.slice(71)}`;
    const e = assertInputError(
      thrown(() => parsePa2(`${PA2_81}\n\n${bad}\n`)),
      Pa2ParseError,
      'line 3.array value 3 (columns 67-71)',
    );
    assert.equal(e.line, 3);
    assert.match(e.issues[0]!.message, /expected digits/);
  });

  it('risk: KisMasterParseError and KrxMasterError name the line', () => {
    assertInputError(
      thrown(() => parseKisMasterLine('fo_idx_code_mts.mst', { line: 2, text: '1|잘못된 줄' })),
      KisMasterParseError,
      'line 2',
    );
    const row = parseKisMasterLine('fo_idx_code_mts.mst', {
      line: 4,
      text: '1|101603|KR4101630008|F 202603|||1|KOSPI200|코스피200',
    });
    assertInputError(
      thrown(() => new KrxMaster([row])),
      KrxMasterError,
      'line 4.standardCode',
    );
  });

  it('server: LedgerValidationError lists every problem of a scenario', () => {
    const e = assertInputError(
      thrown(() =>
        importScenario(openLedger(), {
          version: 1,
          businessDate: '2025-13-45',
          accounts: 'x',
        } as never),
      ),
      LedgerValidationError,
      /./,
    );
    assert.ok(e.issues.length >= 2);
    assert.ok(e.issues.some((i) => i.path === 'accounts'));
  });

  it('server: LedgerConflictError for a fill id reused with other content; .path kept', () => {
    const store = openLedger();
    importScenario(store, DEMO_SCENARIO);
    const fill = DEMO_SCENARIO.fills![0]!;
    const bd = store.businessDate()!;
    const [stored] = store.fills(fill.account, bd).filter((f) => f.id === fill.id);
    assert.ok(stored !== undefined);
    const e = assertInputError(
      thrown(() => store.addFill({ ...stored, qty: stored.qty + 1 })),
      LedgerConflictError,
      /F|fills/,
    );
    assert.equal(e.path, e.issues[0]!.path);
    store.close();
  });

  it('server: DashboardInputError and AnswersError', () => {
    const d = assertInputError(
      thrown(() => domesticQueryOf({ mgnaDvsn: '03' })),
      DashboardInputError,
      'mgnaDvsn',
    );
    assert.equal(d.path, 'mgnaDvsn');
    assertInputError(
      thrown(() => parseAnswers('{ nope')),
      AnswersError,
      '$',
    );
    // A cassette that is not one: the cassette's own line issue.
    assertInputError(
      thrown(() => parseAnswers('{"v":1}\n')),
      AnswersError,
      'line 1',
    );
  });
});

describe("the server's answer table", () => {
  it('is keyed by real class names; a conflict is 409, the rest 400 / OPSQ2001', () => {
    const samples: KisfoInputError[] = [
      new LedgerConflictError('fills.F1', 'id reused'),
      new LedgerValidationError([{ path: 'accounts', message: 'expected an array' }]),
      new KrxInputError('fills[0].qty', 'must be positive'),
      new OverseasInputError('positions[0].quantity', 'not a whole number'),
      new DashboardInputError('crcyCd', 'CRCY_CD must be …'),
    ];
    const names = new Set(samples.map((e) => e.name));
    for (const key of Object.keys(INPUT_ERROR_ANSWERS)) assert.ok(names.has(key), key);
    assert.deepEqual(
      samples.map((e) => [e.name, inputErrorAnswer(e).status, inputErrorAnswer(e).msgCd]),
      [
        ['LedgerConflictError', 409, 'OPSQ2001'],
        ['LedgerValidationError', 400, 'OPSQ2001'],
        ['KrxInputError', 400, 'OPSQ2001'],
        ['OverseasInputError', 400, 'OPSQ2001'],
        ['DashboardInputError', 400, 'OPSQ2001'],
      ],
    );
  });
});

describe('refused input on the KIS routes, answered through the table', () => {
  it('a token request whose body is not JSON, a missing tr_id, a bad grant type', async () => {
    const h = harness();
    const notJson = await h.real('/oauth2/tokenP', { method: 'POST', body: 'nope' });
    assert.equal(notJson.status, 403);
    assert.deepEqual(await notJson.json(), {
      error_description: 'ERROR INVALID INPUT: body is not a JSON object',
      error_code: 'OPSQ2001',
    });
    const grant = await postJson(h.real, '/oauth2/tokenP', {
      grant_type: 'password',
      appkey: REAL_APP.appKey,
      appsecret: REAL_APP.appSecret,
    });
    assert.equal(grant.status, 403);
    const g = (await grant.json()) as { error_description: string; error_code: string };
    assert.equal(g.error_code, 'OPSQ2001');
    assert.match(g.error_description, /^ERROR INVALID INPUT: grant_type\(/);
    const token = await issueToken(h.real, REAL_APP);
    const r = await inquire(
      h.real,
      balanceQuery('80012345'),
      kisHeaders(REAL_APP, token, 'CTFO6118R', { tr_id: '' }),
    );
    assert.equal(r.body.msg_cd, 'OPSQ2001');
    assert.equal(String(r.body.msg1).trim(), 'ERROR INVALID INPUT: tr_id(거래ID) missing');
  });
});
