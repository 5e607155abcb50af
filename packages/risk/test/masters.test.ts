// KIS master files (CP949 fixtures written in KIS's layouts) → KrxMaster → every product family
// resolves in the balance, with prdt_name as the master prints it and amounts by hand.
import assert from 'node:assert/strict';
import { createReadStream, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { Decimal } from '@kisfo/protocol';
import {
  computeDomesticBalance,
  decodeCp949,
  encodeCp949,
  KIS_MASTER_FILES,
  KisMasterParseError,
  type KisMasterRow,
  type KrxMarginParameters,
  KrxMaster,
  KrxMasterError,
  kisMasterFileOf,
  parseKisMaster,
  parseKisMasterText,
  SAMPLE_KRX_MARGIN_PARAMETERS,
} from '../src/index.js';

const dir = new URL('./fixtures/masters/', import.meta.url);

async function load(file: string): Promise<KisMasterRow[]> {
  const rows: KisMasterRow[] = [];
  // Small chunks: a Korean character split across chunks must still decode.
  const stream = createReadStream(new URL(file, dir), { highWaterMark: 7 });
  for await (const r of parseKisMaster(kisMasterFileOf(file), stream)) rows.push(r);
  return rows;
}

describe('KIS master parsers', () => {
  it('read every file in its layout, names in Korean as KIS prints them', async () => {
    const idx = await load('fo_idx_code_mts.mst');
    // Seven monthly rows plus the Thursday and Monday weekly and a KOSDAQ150 option.
    assert.equal(idx.length, 10);
    const hc = idx[5]!;
    assert.ok(hc.file !== 'ffcode.mst');
    assert.equal(hc.name, '코스피200 헬스케어 F 202603');
    assert.equal(hc.underlyingName, '코스피200 헬스케어');
    assert.equal(hc.line, 6);
    const stk = await load('fo_stk_code_mts.mst');
    assert.equal(stk[1]!.file !== 'ffcode.mst' && stk[1]!.strike, '200000');
    const com = await load('fo_com_code.mst');
    assert.deepEqual(
      com.map(
        (r) => r.file !== 'ffcode.mst' && [r.shortCode, r.name, r.underlyingCode, r.underlyingName],
      ),
      [
        ['165603', '3년국채 F 202603', 'KTB', '3년국채'],
        ['166603', '5년국채 F 202603', 'KT5', '5년국채'],
        ['167603', '10년국채 F 202603', 'LKT', '10년국채'],
        ['175603', '미국달러 F 202603', 'USD', '미국달러'],
        ['176603', '엔 F 202603', 'JPY', '엔'],
        ['177603', '유로 F 202603', 'EUR', '유로'],
        ['178603', '위안 F 202603', 'CNH', '위안'],
        ['186603', '돈육 F 202603', 'LHG', '돈육'],
        ['185603', '금 F 202603', 'GLD', '금'],
      ],
    );
    const cme = (await load('fo_cme_code.mst'))[0]!;
    assert.equal(cme.file !== 'ffcode.mst' && cme.underlyingName, '코스피200선물');
    const eurex = (await load('fo_eurex_code.mst'))[0]!;
    assert.equal(eurex.file !== 'ffcode.mst' && eurex.strike, '355.00');
    const ff = await load('ffcode.mst');
    const nq = ff[1]!;
    assert.ok(nq.file === 'ffcode.mst');
    assert.deepEqual(
      [nq.code, nq.name, nq.exchange, nq.productCode, nq.tickSize, nq.tickValue, nq.multiplier],
      ['NQM26', 'E-mini 나스닥100 2606', 'CME', 'NQ', '0.25', '5.00', '20'],
    );
  });

  it('name the file and line of a row that does not fit', () => {
    assert.throws(
      () =>
        parseKisMasterText(
          'fo_stk_code_mts.mst',
          '1|111603|KR4111630001|x|||1|005930|삼성전자\n1|bad\n',
        ),
      (e: unknown) =>
        e instanceof KisMasterParseError &&
        e.message === 'fo_stk_code_mts.mst line 2: expected 9 |-separated columns, got 2',
    );
    assert.throws(
      () => parseKisMasterText('ffcode.mst', 'ESM26 short\n'),
      /ffcode\.mst line 1: line too short/,
    );
    assert.throws(() => kisMasterFileOf('/tmp/stocks.mst'), /not a KIS master file/);
    assert.equal(KIS_MASTER_FILES.length, 6);
  });

  it('round-trips CP949, extension characters included', () => {
    assert.equal(decodeCp949(encodeCp949('똠방각하 SK하이닉스')), '똠방각하 SK하이닉스');
    assert.equal(
      decodeCp949(readFileSync(new URL('fo_stk_code_mts.mst', dir)))
        .split('\n')[0]!
        .endsWith('|000660|SK하이닉스\r'),
      true,
    );
  });
});

describe('a master makes every product family resolve', () => {
  const groupsOf = (m: KrxMaster) => [...new Set([...m.products.values()].map((p) => p.group))];
  const params = (m: KrxMaster): KrxMarginParameters => {
    const g0 = SAMPLE_KRX_MARGIN_PARAMETERS.groups[0]!;
    return {
      ...SAMPLE_KRX_MARGIN_PARAMETERS,
      groups: groupsOf(m).map((group) => ({ ...g0, group })),
    };
  };

  it('one of each family: pchs_amt / evlu_amt / evlu_pfls_amt by hand, prdt_name from the master', async () => {
    const rows = (await Promise.all(KIS_MASTER_FILES.map((f) => load(f)))).flat();
    const master = new KrxMaster(rows);
    const held: [string, string, string, string][] = [
      // code, prior settlement, today's price, multiplier (hand: the rule table's source)
      ['101603', '350.00', '352.50', '250000'],
      ['105603', '350.00', '351.00', '50000'],
      ['201603350', '5.00', '6.10', '250000'],
      ['106603', '900.0', '910.0', '10000'],
      ['147603', '2500.0', '2510.2', '10000'],
      ['1E2603', '3000.0', '2990.0', '10000'],
      ['1A1603', '190000', '195000', '10'],
      ['2A1603200', '5000', '5500', '10'],
      ['165603', '105.10', '105.25', '1000000'],
      ['167603', '115.00', '114.80', '1000000'],
      ['175603', '1380.0', '1385.5', '10000'],
      ['186603', '5000', '5100', '1000'],
      ['1N1603', '350.00', '351.50', '250000'],
      ['2E1603355', '3.00', '3.20', '250000'],
    ];
    const quotes = held.map(([pdno, prior, price]) => ({ pdno, price, priorSettlement: prior }));
    const underlyings = groupsOf(master).map((group) => ({ group, level: '100', vol: 0.2 }));
    const bal = computeDomesticBalance({
      account: {
        dnca_cash: '100000000000',
        frcr_dncl_amt: '0',
        dnca_sbst: '0',
        positions: held.map(([pdno, prior]) => ({
          pdno,
          side: 'long' as const,
          qty: 2,
          avgPrice: prior,
        })),
        fills: [],
        orders: [],
      },
      market: { asOf: '2026-01-15', quotes, underlyings, master },
      marginParameters: params(master),
      mgnaDvsn: '01',
      exccStatCd: '1',
    });
    assert.equal(bal.output1.length, held.length);
    for (const [pdno, prior, price, mult] of held) {
      const row = bal.output1.find((r) => r.shtn_pdno === pdno || r.pdno === pdno);
      assert.ok(row, `${pdno} resolved`);
      const pchs = Decimal.parse(prior).mul(mult).mul(2);
      const evlu = Decimal.parse(price).mul(mult).mul(2);
      assert.ok(row.pchs_amt.eq(pchs), `${pdno} pchs ${row.pchs_amt} vs ${pchs}`);
      assert.ok(row.evlu_amt.eq(evlu), `${pdno} evlu ${row.evlu_amt} vs ${evlu}`);
      assert.ok(row.evlu_pfls_amt.eq(evlu.sub(pchs)), `${pdno} pfls`);
      assert.equal(row.prdt_name, master.names.get(pdno), `${pdno} name`);
    }
    const hynix = bal.output1.find((r) => r.shtn_pdno === '1A1603')!;
    assert.equal(hynix.prdt_name, 'SK하이닉스 F 202603');
  });

  it('a wrong check digit in a master row is an error naming the row', () => {
    const rows = parseKisMasterText(
      'fo_idx_code_mts.mst',
      '1|101603|KR4101630001|F 202603|||1|KOSPI200|코스피200\n',
    );
    assert.throws(
      () => new KrxMaster(rows),
      /^KrxMasterError: fo_idx_code_mts\.mst line 1 \(101603 F 202603\): 표준코드 "KR4101630001" has check digit 1, expected 9$/,
    );
  });

  it('an unknown product is an error naming the row or the position, never a dropped position', () => {
    const rows = parseKisMasterText(
      'fo_com_code.mst',
      `X11Z9603   KR41Z9630006${'기타 F 202603'.padEnd(32)}   000000001ZZZ기타\n`,
    );
    assert.throws(
      () => new KrxMaster(rows),
      (e: unknown) =>
        e instanceof KrxMasterError &&
        /^fo_com_code\.mst line 1 \(1Z9603 기타 F 202603\): no product rule for product code "1Z9"$/.test(
          (e as Error).message,
        ),
    );
    const master = new KrxMaster([]);
    assert.throws(
      () =>
        computeDomesticBalance({
          account: {
            dnca_cash: '0',
            frcr_dncl_amt: '0',
            dnca_sbst: '0',
            positions: [{ pdno: '1A1603', side: 'long', qty: 1, avgPrice: '1' }],
            fills: [],
            orders: [],
          },
          market: { asOf: '2026-01-15', quotes: [], underlyings: [], master },
          mgnaDvsn: '01',
          exccStatCd: '1',
        }),
      /account\.positions\[0\]\.pdno: unknown KRX code "1A1603".*unknown product code "1A1" \(load its KIS master file\)/,
    );
  });

  it('a stock future without a master still carries its underlying name', async () => {
    const { parseKrxCode } = await import('../src/index.js');
    assert.equal(parseKrxCode('111S10', 2022).productName, '삼성전자 F 202210');
  });
});

describe('ffcode.mst: overseas contract data from KIS', () => {
  it('tick size, tick value and multiplier per product feed the margin detail', async () => {
    const {
      computeOverseasMarginDetail,
      overseasProductsFromFfcode,
      SAMPLE_OVERSEAS_FX_RATES,
      SAMPLE_OVERSEAS_RISK_PARAMETERS: P,
      withFfcodeProducts,
    } = await import('../src/index.js');
    const rows = await load('ffcode.mst');
    const products = overseasProductsFromFfcode(rows);
    assert.deepEqual([...products.keys()], ['CME:ES', 'CME:NQ']);
    // A class whose tick value is off; the master puts KIS's 12.50 back.
    const off = {
      ...P,
      classes: P.classes.map((c) => (c.classCode === 'ES' ? { ...c, tickValue: '1' } : c)),
    };
    const es = P.classes.find((c) => c.classCode === 'ES')!;
    const call = es.contracts.find((k) => k.kind === 'call')!;
    const orderMargin = (params: typeof P) =>
      computeOverseasMarginDetail({
        account: { cano: '1', acnt_prdt_cd: '08', balances: [] },
        positions: [],
        orders: [
          {
            exchange: 'CME',
            classCode: 'ES',
            contractMonth: call.contractMonth,
            kind: 'call',
            strike: call.strike!,
            side: 'buy',
            quantity: 2,
            priceType: 'limit',
            price: '1',
          },
        ],
        riskParameters: params,
        fxRates: SAMPLE_OVERSEAS_FX_RATES,
        inqrDt: '20250320',
        crcyCd: 'USD',
      }).fm_opt_buy_ord_mgn_amt.toString();
    // Long option order: max(tick value, 10) per contract.
    assert.equal(orderMargin(off), '20.00');
    assert.equal(orderMargin(withFfcodeProducts(off, rows)), '25.00');
    assert.equal(
      withFfcodeProducts(off, rows).classes.find((c) => c.classCode === 'NQ')!.multiplier,
      '20',
    );
  });
});
