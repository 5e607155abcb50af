import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  domesticInquireBalance,
  type FieldSpec,
  type InquirySpec,
  overseasMarginDetail,
  type ParamSpec,
} from '../src/index.js';
import { textFixture } from './helpers.js';

interface SeedRow {
  section: string;
  name: string;
  label: string;
}

const ROW_RE = /^\|?\s*([A-Za-z_][\w.-]*)\s*\|\s*([^|]*?)\s*\|\s*(String|Array|Object)\s*\|/;

/** Rows of every field table in a seed document, with the section they stand in. */
function seedRows(text: string): SeedRow[] {
  const rows: SeedRow[] = [];
  let part = '';
  let section = '';
  for (const line of text.split('\n')) {
    if (line.startsWith('## 요청')) part = 'request';
    else if (line.startsWith('## 응답')) part = 'response';
    else if (line.startsWith('## 예시')) part = 'example';
    else if (line.startsWith('### ')) section = `${part} ${line.slice(4).trim()}`;
    const m = ROW_RE.exec(line);
    if (m !== null && m[1] !== 'Element' && part !== 'example') {
      rows.push({ section, name: m[1]!, label: m[2]! });
    }
  }
  return rows;
}

const norm = (s: string) => s.replace(/\s+/g, '');

function check(spec: InquirySpec, seed: string) {
  const rows = seedRows(textFixture(seed));
  assert.ok(rows.length > 40, `parsed only ${rows.length} rows of ${seed}`);
  const find = (list: readonly { name: string; ko: string }[], name: string) =>
    list.find((p) => p.name === name);
  let checked = 0;
  for (const row of rows) {
    let where: readonly { name: string; ko: string }[];
    let name = row.name;
    if (row.section === 'request Header') where = spec.headers as readonly ParamSpec[];
    else if (row.section.startsWith('request')) where = spec.params;
    else if (row.section === 'response Header') where = spec.responseHeaders;
    else {
      if (name.startsWith('output.')) name = name.slice('output.'.length);
      const output = spec.outputs.find((o) => o.name === name);
      if (output !== undefined) {
        assert.equal(norm(output.ko), norm(row.label), `${seed}: ${name}`);
        checked++;
        continue;
      }
      where = [...spec.envelope, ...spec.outputs.flatMap((o) => o.fields)];
    }
    const found = find(where, name);
    assert.ok(found, `${seed}: ${row.section} field ${name} (${row.label}) is not in the spec`);
    assert.equal(norm(found.ko), norm(row.label), `${seed}: Korean label of ${name}`);
    checked++;
  }
  return checked;
}

describe('every field of both seed documents is in the specs', () => {
  it('선물옵션 잔고현황 (v1_국내선물-004)', () => {
    const n = check(domesticInquireBalance, 'seeds/domestic-inquire-balance.md');
    // 13 request headers, 6 query parameters, 4 response headers, 5 envelope fields,
    // 2 outputs, 16 output1 fields and 31 output2 fields.
    assert.equal(n, 13 + 6 + 4 + 5 + 2 + 16 + 31);
  });

  it('해외선물옵션 증거금상세 (해외선물-032)', () => {
    const n = check(overseasMarginDetail, 'seeds/overseas-margin-detail.md');
    assert.equal(n, 13 + 4 + 4 + 3 + 1 + 49);
  });

  it('fields beyond the seed tables are the ones KIS examples show, marked extra', () => {
    const fields: readonly FieldSpec[] = domesticInquireBalance.outputs.flatMap(
      (o): readonly FieldSpec[] => o.fields,
    );
    const extras = fields
      .filter((f) => f.extra === true)
      .map((f) => f.name)
      .sort();
    assert.deepEqual(extras, [
      'isfc_amt',
      'mmga_cash_amt',
      'mmga_tot_amt',
      'mtnc_rt',
      'sll_buy_dvsn_cd',
      'trad_dvsn_name',
    ]);
  });
});
