// A domestic product's name is printed in the balance's `prdt_name`, 60 bytes of CP949. A longer
// name, from a scenario's instruments or masters or from `importMasterRows` (what
// `kisfo master import` calls), would make every balance inquiry of an account holding the
// product answer `EGW00002`, so each of them is refused with the path and the byte count, and
// nothing is written. A name of exactly 60 bytes is accepted and printed as it is.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cp949ByteLength } from '@kisfo/protocol';
import { KrxMasterError, parseKisMasterText } from '@kisfo/risk';
import {
  DEMO_SCENARIO,
  importMasterRows,
  importScenario,
  LedgerValidationError,
  openLedger,
  type Scenario,
  validateScenario,
} from '../src/index.js';
import { demoHosts } from './demo-hosts.js';
import { balanceQuery } from './http-harness.js';

/** 30 Hangul syllables: 60 bytes of CP949, the most `prdt_name` holds. */
const FITS = '가'.repeat(30);
/** One more syllable: 62 bytes. */
const TOO_LONG = '가'.repeat(31);
/** The demo's KOSPI200 futures series held by its domestic accounts. */
const HELD = '101W06';

function demoWithName(name: string): Scenario {
  const s = structuredClone(DEMO_SCENARIO) as Scenario;
  s.instruments = [{ instrument: HELD, name }];
  return s;
}

/** A stock-futures master line (SK hynix, March 2026) with its 한글종목명 replaced. */
const stockLine = (name: string) => `1|1A1603|KR41A1630007|${name}|||1|000660|SK하이닉스`;

describe('product names fit prdt_name', () => {
  it('the lengths are what the test says', () => {
    assert.equal(cp949ByteLength(FITS), 60);
    assert.equal(cp949ByteLength(TOO_LONG), 62);
  });

  it("a scenario instrument's name longer than 60 bytes is refused by path; nothing is imported", () => {
    const issues = validateScenario(demoWithName(TOO_LONG));
    assert.deepEqual(
      issues.filter((i) => i.path.startsWith('instruments')),
      [{ path: 'instruments[0].name', message: '62 bytes in CP949; prdt_name holds 60' }],
    );
    const store = openLedger();
    assert.throws(() => importScenario(store, demoWithName(TOO_LONG)), LedgerValidationError);
    assert.equal(store.listApps().length, 0, 'nothing was written');
    assert.equal(store.instruments().length, 0);
  });

  it('a 60-byte name is accepted and the KIS inquiry prints it as it is', async () => {
    const { ask } = await demoHosts(openLedger(), { scenario: demoWithName(FITS) });
    const res = await ask(balanceQuery('80012345', '03'), 'CTFO6118R');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { rt_cd: string; output1: { prdt_name: string }[] };
    assert.equal(body.rt_cd, '0');
    assert.equal(body.output1.filter((r) => r.prdt_name === FITS).length, 1);
  });

  it('a scenario master line whose name is longer than 60 bytes is refused by path', () => {
    const s: Scenario = {
      ...(structuredClone(DEMO_SCENARIO) as Scenario),
      masters: [
        { file: 'fo_stk_code_mts.mst', lines: [stockLine(`SK하이닉스 F 202603 ${TOO_LONG}`)] },
      ],
    };
    const ours = validateScenario(s).filter((i) => i.path.startsWith('masters'));
    assert.deepEqual(ours, [
      {
        path: 'masters[0].lines[0]',
        message: 'fo_stk_code_mts.mst line 1: 한글종목명 is 82 bytes in CP949; prdt_name holds 60',
      },
    ]);
  });

  it('importMasterRows refuses a row whose name does not fit, naming it; nothing is written', () => {
    const store = openLedger();
    const long = parseKisMasterText('fo_stk_code_mts.mst', stockLine(TOO_LONG));
    assert.throws(
      () => importMasterRows(store, long),
      (e: unknown) =>
        e instanceof KrxMasterError &&
        e.message ===
          'fo_stk_code_mts.mst line 1 (1A1603): 한글종목명 is 62 bytes in CP949; prdt_name holds 60',
    );
    assert.equal(store.masterRows!().length, 0, 'nothing was written');
    const fits = parseKisMasterText('fo_stk_code_mts.mst', stockLine(FITS));
    assert.deepEqual(importMasterRows(store, fits), { rows: 1, products: 1 });
    assert.equal(store.masterRows!()[0]!.name, FITS);
  });
});
