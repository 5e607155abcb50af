import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { type FieldSpec, INQUIRY_SPECS, type InquirySpec } from '@kisfo/protocol';
import { ConfigError } from '../src/cli-errors.js';
import { selectedProfile } from '../src/config.js';
import {
  AccountNotAllowedError,
  accountPolicy,
  normalizeAccount,
  pickAccount,
} from '../src/mcp/accounts.js';
import { explainField } from '../src/mcp/explain-field.js';
import { FIELD_COMPUTATIONS } from '../src/mcp/field-computations.js';
import { scrubSecrets } from '../src/mcp/tool-errors.js';

describe('mcp account policy', () => {
  it('allows the configured account plus flag, else env, else profile accounts', () => {
    const cfg = { account: '8001234503' };
    assert.deepEqual(accountPolicy(cfg, '12345678-08', '11111111-03', ['22222222-08']), {
      primary: '80012345-03',
      allowed: ['80012345-03', '12345678-08'],
    });
    assert.deepEqual(accountPolicy(cfg, undefined, '11111111-03', ['22222222-08']).allowed, [
      '80012345-03',
      '11111111-03',
    ]);
    assert.deepEqual(accountPolicy(cfg, undefined, undefined, ['22222222-08']).allowed, [
      '80012345-03',
      '22222222-08',
    ]);
    assert.deepEqual(accountPolicy({ account: undefined }, undefined, undefined).allowed, []);
    assert.throws(() => accountPolicy(cfg, '1234', undefined), ConfigError);
    assert.deepEqual(accountPolicy(cfg, undefined, undefined, '12345678-08').allowed, [
      '80012345-03',
      '12345678-08',
    ]);
    assert.throws(() => accountPolicy(cfg, undefined, undefined, [12345678]), ConfigError);
    assert.throws(() => accountPolicy({ account: 'abc' }, undefined, undefined), ConfigError);
    assert.equal(normalizeAccount(' 12345678-08 '), '12345678-08');
  });

  it('picks by kind without a request and refuses accounts outside the policy', () => {
    const policy = accountPolicy({ account: '80012345-03' }, '12345678-08', undefined);
    assert.equal(pickAccount(policy, undefined, 'domestic'), '80012345-03');
    assert.equal(pickAccount(policy, undefined, 'overseas'), '12345678-08');
    assert.equal(pickAccount(policy, undefined), '80012345-03');
    assert.equal(pickAccount(policy, '1234567808'), '12345678-08');
    assert.throws(() => pickAccount(policy, '99999999-03'), AccountNotAllowedError);
    // One account of the other kind: it is still the one read (KIS then says what is wrong).
    const single = accountPolicy({ account: '50012345-01' }, undefined, undefined);
    assert.equal(pickAccount(single, undefined, 'overseas'), '50012345-01');
    assert.throws(
      () => pickAccount(accountPolicy({}, undefined, undefined), undefined),
      /no account is configured/,
    );
  });

  it("reads the selected profile's accounts list from the config file", () => {
    const dir = mkdtempSync(join(tmpdir(), 'kisfo-mcp-profile-'));
    const path = join(dir, 'config.json');
    writeFileSync(
      path,
      JSON.stringify({
        defaultProfile: 'demo',
        profiles: { demo: { account: '80012345-03', accounts: ['12345678-08'] } },
      }),
    );
    const { profile } = selectedProfile({}, { KISFO_CONFIG: path });
    assert.deepEqual(profile.accounts, ['12345678-08']);
    assert.throws(() => selectedProfile({ profile: 'nope' }, { KISFO_CONFIG: path }), ConfigError);
  });
});

describe('explain_field data', () => {
  const keys = Object.keys(INQUIRY_SPECS) as (keyof typeof INQUIRY_SPECS)[];
  const fieldsOf = (key: keyof typeof INQUIRY_SPECS): readonly FieldSpec[] =>
    (INQUIRY_SPECS[key] as InquirySpec).outputs.flatMap((o) => o.fields);

  it('has a table per API and explains only fields that API has', () => {
    assert.deepEqual(Object.keys(FIELD_COMPUTATIONS).sort(), [...keys].sort());
    for (const key of keys) {
      const names = new Set(fieldsOf(key).map((f) => f.name));
      for (const name of Object.keys(FIELD_COMPUTATIONS[key])) {
        assert.ok(names.has(name), `${key}.${name} is a field of that spec`);
      }
    }
  });

  it('says how every computed amount of every API is computed', () => {
    // Ledger inputs, reported as they are.
    const inputs = new Set(['dnca_cash', 'frcr_dncl_amt', 'dnca_sbst', 'tot_ccld_amt']);
    for (const key of keys) {
      const spec = INQUIRY_SPECS[key] as InquirySpec;
      for (const f of fieldsOf(key)) {
        if (f.kind !== 'amount' || (key === 'domesticInquireBalance' && inputs.has(f.name)))
          continue;
        const m = explainField(f.name).matches.find((x) => x.name === f.name && x.api === spec.id);
        assert.ok(m?.computation, `${key}.${f.name} has a computation`);
      }
    }
    const mntn = explainField('fm_span_mntn_pric_altr_mgn_amt').matches[0]!;
    assert.match(
      mntn.computation ?? '',
      /^Maintenance \(유지\) figure of fm_span_pric_altr_mgn_amt/,
    );
    assert.match(
      mntn.computation ?? '',
      /TKR in KRW/,
      'overseas amounts say how the view converts',
    );
  });

  it('explains a name two APIs share in the words of each', () => {
    const r = explainField('prsm_dpast_amt');
    assert.equal(r.exact, true);
    const byApi = new Map(r.matches.map((m) => [m.api, m.computation]));
    assert.equal(byApi.size, 2);
    assert.notEqual(byApi.get('v1_국내선물-004'), byApi.get('v1_국내선물-014'));
  });

  it('finds a name shared by several APIs once per place, request parameters included', () => {
    const r = explainField('cano');
    assert.equal(r.exact, true);
    const expected = keys.flatMap((key) => {
      const spec = INQUIRY_SPECS[key] as InquirySpec;
      return [
        ...spec.outputs.flatMap((o) =>
          o.fields.filter((f) => f.name === 'cano').map(() => `${spec.id} ${o.name}`),
        ),
        ...spec.params.filter((p) => p.name === 'CANO').map(() => `${spec.id} request`),
      ];
    });
    assert.ok(expected.length >= 4);
    assert.deepEqual(
      r.matches.map((m) => `${m.api} ${m.where}`),
      expected,
    );
  });
});

describe('mcp output guard', () => {
  it('scrubs the given secrets and anything token-shaped', () => {
    const jwt = 'eyJhbGciOiJIUzUxMiJ9.eyJzdWIiOiJ0b2tlbiJ9.abcdefghijklmnop';
    const out = scrubSecrets(`secret s3cr3t-value and ${jwt}`, ['s3cr3t-value']);
    assert.equal(out, 'secret [redacted] and [redacted]');
  });
});

describe('kisfo mcp loads the MCP SDK only when it runs', () => {
  it('no module the command registry imports statically reaches the SDK or zod', () => {
    const dist = resolve(dirname(new URL(import.meta.url).pathname), '../dist');
    const seen = new Set<string>();
    const bare = new Set<string>();
    const walk = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Static imports and re-exports only; `import('…')` is the lazy path.
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s+'([^']+)'/gms)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) walk(resolve(dirname(file), spec));
        else bare.add(spec);
      }
    };
    walk(join(dist, 'commands', 'index.js'));
    assert.ok(seen.has(join(dist, 'commands', 'mcp.js')), 'the registry includes kisfo mcp');
    for (const spec of bare) {
      assert.ok(!spec.startsWith('@modelcontextprotocol') && spec !== 'zod', `${spec} is static`);
    }
    const command = readFileSync(join(dist, 'commands', 'mcp.js'), 'utf8');
    assert.match(command, /await import\('\.\.\/mcp\/serve-mcp\.js'\)/);
  });
});
