// The packages as a user gets them: `npm pack` every workspace, install the tarballs into an
// empty project (siblings from the tarballs, third-party dependencies from the npm registry), and
// use them from plain Node — ES modules, `require`, TypeScript, `npx kisfo demo`. One install
// shared by every check (it is the slow part).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DEMO_REAL_APPKEY, DEMO_REAL_APPSECRET } from '@kisfo/server';
import { VERSION } from '../src/help.js';
import { isolatedEnv, run, type Served, serveWith } from './cli-helpers.js';

const ROOT = new URL('../../../', import.meta.url).pathname;
const WORKSPACES = ['protocol', 'risk', 'client', 'server', 'dashboard', 'cli'] as const;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackedFile {
  path: string;
}
interface Packed {
  name: string;
  version: string;
  filename: string;
  files: PackedFile[];
}

/** The package.json fields a published package must get right. */
interface PublishedJson {
  exports: Record<string, Record<string, string>>;
  sideEffects?: unknown;
  repository: { type: string; url: string; directory: string };
  homepage: string;
  keywords: string[];
  engines: { node: string };
  license: string;
}

function packageJson(dir: string): Record<string, unknown> & {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
} {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
}

/**
 * Install the third-party dependencies from the registry without running their install scripts,
 * then give better-sqlite3 the native addon this checkout already compiled for this Node when the
 * versions agree (compiling it again takes minutes on a small machine); otherwise build it.
 */
function installTarballs(project: string, tarballs: string[]): void {
  const npmEnv = { ...process.env, npm_config_build_from_source: 'true', npm_config_fund: 'false' };
  execFileSync(
    NPM,
    ['install', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', ...tarballs],
    { cwd: project, env: npmEnv, stdio: 'pipe', timeout: 600_000 },
  );
  const fromServer = createRequire(join(ROOT, 'packages/server/package.json'));
  const ours = dirname(fromServer.resolve('better-sqlite3/package.json'));
  const theirs = join(project, 'node_modules/better-sqlite3');
  const addon = join('build', 'Release', 'better_sqlite3.node');
  if (packageJson(ours).version === packageJson(theirs).version && existsSync(join(ours, addon))) {
    mkdirSync(join(theirs, 'build', 'Release'), { recursive: true });
    copyFileSync(join(ours, addon), join(theirs, addon));
  } else {
    execFileSync(NPM, ['rebuild', 'better-sqlite3'], {
      cwd: project,
      env: npmEnv,
      stdio: 'pipe',
      timeout: 900_000,
    });
  }
}

/** File names a shipped comment may not mention: sources, repository folders, root documents. */
const PROJECT_PATH =
  /(?<![\w.])(?:[\w-]+\/)*[\w-]+\.(?:ts|mts|cts|mjs)\b|\b(?:src|docs|packages|test|scripts|fixtures|bench|examples|seeds|reference)\/[\w./-]+|\b(?:DESIGN|METHODS|CHANGELOG|CONTRIBUTING)\.md\b/g;

function danglingReferences(text: string): string[] {
  const comments = [...text.matchAll(/\/\*[\s\S]*?\*\/|(?:^|\s)\/\/\s.*$/gm)].map((m) => m[0]);
  return comments.flatMap((c) =>
    [...c.matchAll(PROJECT_PATH)].map((m) => m[0]).filter((p) => !p.endsWith('.d.ts')),
  );
}

describe('the packages as published', { timeout: 1_200_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'kisfo-publish-'));
  const project = join(work, 'project');
  const packed = new Map<string, Packed>();
  const env = isolatedEnv();
  let server: Served;

  before(async () => {
    mkdirSync(join(work, 'tarballs'));
    const out = execFileSync(
      NPM,
      ['pack', '--json', '--pack-destination', join(work, 'tarballs'), '--workspaces'],
      { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    for (const p of JSON.parse(out) as Packed[]) packed.set(p.name, p);
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'uses-kisfo', version: '1.0.0', private: true }),
    );
    installTarballs(
      project,
      [...packed.values()].map((p) => join(work, 'tarballs', p.filename)),
    );
    server = await serveWith(join(project, 'node_modules/.bin/kisfo'), [], env);
  });
  after(async () => {
    if (server !== undefined) assert.equal(await server.stop(), 0);
  });

  it('packs every workspace, one version for all, siblings pinned to it', () => {
    assert.equal(packed.size, WORKSPACES.length);
    const versions = new Set([...packed.values()].map((p) => p.version));
    assert.deepEqual([...versions], [VERSION], 'one version, the one `kisfo --version` prints');
    for (const w of WORKSPACES) {
      const pkg = packageJson(join(ROOT, 'packages', w));
      for (const [dep, range] of Object.entries(pkg.dependencies ?? {})) {
        if (dep.startsWith('@kisfo/')) assert.equal(range, VERSION, `${pkg.name} → ${dep}`);
      }
    }
  });

  it('each tarball: LICENSE, README, package.json and dist only (no build info, maps carry sources)', () => {
    const license = readFileSync(join(ROOT, 'LICENSE'), 'utf8');
    const extra: Record<string, RegExp> = {
      kisfo: /^bin\/kisfo\.js$/,
      '@kisfo/server': /^scenarios\//,
      // The dashboard: browser assets in dist/, the Node side (asset path) in dist-node/.
      '@kisfo/dashboard': /^dist-node\/(?!.*\.(tsbuildinfo|d\.ts\.map)$)/,
    };
    for (const p of packed.values()) {
      const paths = p.files.map((f) => f.path);
      const pkg = packageJson(join(ROOT, 'packages', p.name === 'kisfo' ? 'cli' : p.name.slice(7)));
      const entry = String(pkg.main).replace(/^\.\//, '');
      const types = String(pkg.types).replace(/^\.\//, '');
      for (const must of ['LICENSE', 'README.md', 'package.json', entry, types]) {
        assert.ok(paths.includes(must), `${p.name} ships ${must}`);
      }
      for (const path of paths) {
        const allowed =
          ['LICENSE', 'README.md', 'package.json'].includes(path) ||
          (path.startsWith('dist/') &&
            !path.endsWith('.tsbuildinfo') &&
            !path.endsWith('.d.ts.map')) ||
          (extra[p.name]?.test(path) ?? false);
        assert.ok(allowed, `${p.name} should not ship ${path}`);
      }
      const installed = join(project, 'node_modules', p.name);
      assert.equal(readFileSync(join(installed, 'LICENSE'), 'utf8'), license, `${p.name} LICENSE`);
      for (const map of paths.filter((x) => x.endsWith('.js.map'))) {
        const m = JSON.parse(readFileSync(join(installed, map), 'utf8')) as {
          sources: string[];
          sourcesContent?: string[];
        };
        assert.equal(
          m.sourcesContent?.length,
          m.sources.length,
          `${p.name} ${map} has its sources`,
        );
      }
    }
  });

  it('package.json: exports with types, sideEffects, repository, homepage, keywords, engines', () => {
    for (const p of packed.values()) {
      const pkg = packageJson(join(project, 'node_modules', p.name)) as unknown as PublishedJson;
      assert.match(pkg.exports['.'].types!, /^\.\/dist(-node)?\/index\.d\.ts$/, p.name);
      assert.equal(Object.keys(pkg.exports['.'])[0], 'types', `${p.name}: types first`);
      assert.ok('sideEffects' in pkg, `${p.name} sideEffects`);
      assert.equal(pkg.repository.type, 'git');
      assert.match(pkg.repository.url, /^git\+https:\/\/github\.com\/[\w-]+\/[\w-]+\.git$/);
      assert.ok(existsSync(join(ROOT, pkg.repository.directory, 'package.json')), p.name);
      assert.equal(packageJson(join(ROOT, pkg.repository.directory)).name, p.name);
      assert.match(pkg.homepage, /^https:\/\/github\.com\//);
      assert.ok(Array.isArray(pkg.keywords) && pkg.keywords.length >= 3, `${p.name} keywords`);
      assert.equal(pkg.engines.node, '>=20.19', `${p.name} engines`);
      assert.equal(pkg.license, 'MIT');
    }
    for (const lean of ['@kisfo/client', '@kisfo/protocol']) {
      const deps = Object.keys(packageJson(join(project, 'node_modules', lean)).dependencies ?? {});
      assert.deepEqual(
        deps.filter((d) => !d.startsWith('@kisfo/')),
        [],
        `${lean} has no third-party runtime dependencies`,
      );
    }
  });

  it('no shipped comment points at a file that is not shipped', () => {
    const found: string[] = [];
    for (const p of packed.values()) {
      for (const f of p.files) {
        if (!/\.(js|d\.ts)$/.test(f.path)) continue;
        const text = readFileSync(join(project, 'node_modules', p.name, f.path), 'utf8');
        for (const ref of danglingReferences(text)) found.push(`${p.name}/${f.path}: ${ref}`);
      }
    }
    assert.deepEqual(found, []);
  });

  const script = (file: string, body: string) => {
    writeFileSync(join(project, file), body);
    const r = spawnSync(process.execPath, [file], {
      cwd: project,
      encoding: 'utf8',
      env: {
        ...env,
        KIS_ENV: 'real',
        KIS_BASE_URL: server.realUrl,
        KIS_APP_KEY: DEMO_REAL_APPKEY,
        KIS_APP_SECRET: DEMO_REAL_APPSECRET,
        KIS_ACCOUNT: '80012345-03',
      },
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as {
      positions: number;
      nxdy: string;
      violations: number;
      decimal: string;
    };
  };
  const USE = `
const client = KisClient.fromEnv({ tokenStore: 'memory' });
const { positions, summary } = await client.domesticFutureOption.inquireBalance();
console.log(JSON.stringify({
  positions: positions.length,
  nxdy: summary.nxdy_dnca.toString(),
  violations: checkBalance({ positions, summary }).length,
  decimal: Decimal.from('0.1').add('0.2').toString(),
}));`;

  it('plain Node ES modules and require() both use @kisfo/client against `kisfo serve`', () => {
    const esm = script(
      'esm.mjs',
      `import { KisClient, checkBalance } from '@kisfo/client';\nimport { Decimal } from '@kisfo/protocol';\n${USE}`,
    );
    const cjs = script(
      'cjs.cjs',
      `const { KisClient, checkBalance } = require('@kisfo/client');\nconst { Decimal } = require('@kisfo/protocol');\n(async () => {${USE}\n})();`,
    );
    assert.ok(esm.positions > 0);
    assert.equal(esm.violations, 0, 'the documented identities hold on what came back');
    assert.match(esm.nxdy, /^-?\d+$/);
    assert.equal(esm.decimal, '0.3', 'exact decimals');
    assert.deepEqual(cjs, esm, 'the same answers through require()');
  });

  it('TypeScript finds the types through exports (moduleResolution nodenext)', () => {
    writeFileSync(
      join(project, 'typed.mts'),
      `import { KisClient, type DomesticBalanceSummary } from '@kisfo/client';
import { computeDomesticBalance } from '@kisfo/risk';
import { startServer } from '@kisfo/server';
const c: KisClient = KisClient.fromEnv();
const s: DomesticBalanceSummary | undefined = undefined;
export { c, s, computeDomesticBalance, startServer };
`,
    );
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const r = spawnSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        '--types',
        'node',
        '--typeRoots',
        join(ROOT, 'node_modules/@types'),
        'typed.mts',
      ],
      { cwd: project, encoding: 'utf8', timeout: 120_000 },
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  it('`npx kisfo demo` runs from the project', () => {
    const r = spawnSync('npx', ['kisfo', 'demo'], {
      cwd: project,
      encoding: 'utf8',
      env: { ...env, npm_config_offline: 'true' },
      timeout: 120_000,
    });
    assert.equal(r.status, 0, r.stderr);
    for (const part of ['POST /oauth2/tokenP', 'CTFO6118R', 'OTFM3115R', 'SPAN']) {
      assert.ok(r.stdout.includes(part), part);
    }
  });

  it('`kisfo --version` is the packages’ version', async () => {
    const r = await run(['--version'], env, 30_000, join(project, 'node_modules/.bin/kisfo'));
    assert.equal(r.stdout.trim(), VERSION);
  });
});
