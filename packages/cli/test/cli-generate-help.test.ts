// `kisfo scenario generate --help` says what --positions counts: positions held from the day
// before. Each account also opens up to 10 more with today's fills, so `--positions 0` still
// holds some; the help used to call N "positions in total".
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isolatedEnv, run } from './cli-helpers.js';

type Generated = {
  positions: { account: string; instrument: string }[];
  fills: { account: string; instrument: string; openClose: string }[];
};

describe('kisfo scenario generate --positions, as its help says', () => {
  const env = isolatedEnv();

  it('N held positions, plus opening fills on other series that the help names', async () => {
    const help = await run(['scenario', 'generate', '--help'], env);
    // The flag's own lines (the usage line names it too).
    const positionsHelp = /^ {2}--positions N(.*?)^ {2}--accounts/ms.exec(help.stdout)?.[1] ?? '';
    assert.match(positionsHelp, /held from the day before/);
    assert.match(positionsHelp, /up to 10 more with today's fills/);

    for (const n of [0, 7]) {
      const out = join(env.HOME!, `g${n}.json`);
      const r = await run(['scenario', 'generate', '--positions', String(n), '--out', out], env);
      assert.equal(r.code, 0, r.stderr);
      const doc = JSON.parse(readFileSync(out, 'utf8')) as Generated;
      assert.equal(doc.positions.length, n);
      const held = new Set(doc.positions.map((p) => `${p.account} ${p.instrument}`));
      const opening = doc.fills.filter(
        (f) => f.openClose === 'open' && !held.has(`${f.account} ${f.instrument}`),
      );
      assert.ok(opening.length > 0 && opening.length <= 10, 'today opens more than N');
      const imported = await run(
        ['ledger', 'import', out, '--db', join(env.HOME!, `g${n}.db`)],
        env,
      );
      assert.match(imported.stdout, new RegExp(`${n} positions, ${doc.fills.length} fills`));
    }
  });
});
