// Test impact on a real git repo with a real per-test coverage map (coverage.py contexts).
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImpactMap } from '../../coverage/impact-map.js';
import { pythonFilesPatterns } from '../test-files.js';
import { selectImpacted } from './impact.js';
import type { ImpactSelection } from './impact.js';
import { changesSince, contextFor, edit, fixtureRepo, git, keepImpactMap, measureImpactMap, removeTemps } from './impact-support.js';
import { parseOptions } from '../schema.js';

let map: ImpactMap;
let measuredAt: string;

beforeAll(() => {
  const { repo, sha } = fixtureRepo();
  measuredAt = sha;
  map = measureImpactMap(repo, sha);
}, 60_000);
afterAll(removeTemps);

/** A repo at the map's commit (same content → same sha), the map kept in an earlier run dir. */
function repoWithMap(m: unknown = map) {
  const r = fixtureRepo();
  expect(r.sha).toBe(measuredAt);
  keepImpactMap(r.repo, m);
  return r;
}

async function impactIn(repo: string, sha: string | undefined): Promise<ImpactSelection> {
  const ctx = contextFor(repo, sha ? { changes: changesSince(repo, sha) } : {});
  const options = parseOptions({});
  return selectImpacted(ctx, options, { repoDir: repo, pythonFiles: pythonFilesPatterns(repo, options), doctest: false });
}

describe('the measured map', () => {
  it('records tests per line and the import-time lines', () => {
    expect(map.tests['tests/test_arith.py::test_clamp']?.['calc/arith.py']).toEqual(expect.arrayContaining([14, 15, 16, 17, 18]));
    expect(map.importTime['calc/constants.py']).toEqual([2, 3]);
  });
});

describe('selectImpacted', () => {
  it('a change inside one function selects only the tests that ran it', async () => {
    const { repo, sha } = repoWithMap();
    edit(repo, 'calc/arith.py', 'if x > high:', 'if x >= high:');
    const got = await impactIn(repo, sha);
    expect(got).toMatchObject({ mode: 'impacted', targets: ['tests/test_arith.py::test_clamp'], changedUnits: ['calc/arith.py::clamp'], mapSha: sha });
  });

  it('committed, uncommitted and untracked changes all count', async () => {
    const { repo, sha } = repoWithMap();
    edit(repo, 'calc/text.py', 'return s.upper() + "!"', 'return s.upper() + "!!"');
    git(repo, 'commit', '-qam', 'louder');
    edit(repo, 'calc/pricing.py', 'return f"{amount} {CURRENCY}"', 'return f"{amount}{CURRENCY}"');
    fs.writeFileSync(path.join(repo, 'tests', 'test_new.py'), 'def test_new():\n    assert True\n');
    const got = await impactIn(repo, sha);
    expect(got.mode).toBe('impacted');
    expect(got.targets).toEqual(['tests/test_new.py', 'tests/test_pricing.py::test_label', 'tests/test_text.py::test_shout']);
  });

  it('an inserted line lands in the function around it', async () => {
    const { repo, sha } = repoWithMap();
    edit(repo, 'calc/text.py', '    # Lowercase words joined by dashes.\n', '    # Lowercase words joined by dashes.\n    s = s.strip()\n');
    expect((await impactIn(repo, sha)).targets).toEqual(['tests/test_text.py::test_slug']);
  });

  it('module-level code selects the full suite', async () => {
    const { repo, sha } = repoWithMap();
    edit(repo, 'calc/constants.py', 'TAX_RATE = 20', 'TAX_RATE = 21');
    const got = await impactIn(repo, sha);
    expect(got.mode).toBe('full');
    expect(got.reason).toMatch(/module-level code changed in calc\/constants\.py \(line 2\)/);
  });

  it.each([
    ['tests/conftest.py', /conftest/],
    ['pytest.ini', /pytest configuration/],
    ['calc/data.json', /not Python and not documentation/],
  ])('a change to %s selects the full suite', async (file, reason) => {
    const { repo, sha } = repoWithMap();
    fs.appendFileSync(path.join(repo, file), '\n# touched\n');
    const got = await impactIn(repo, sha);
    expect(got.mode).toBe('full');
    expect(got.reason).toMatch(reason);
  });

  it('a new source module, unknown to the map, selects the full suite', async () => {
    const { repo, sha } = repoWithMap();
    fs.writeFileSync(path.join(repo, 'calc', 'extra.py'), 'def f():\n    return 1\n');
    expect(await impactIn(repo, sha)).toMatchObject({ mode: 'full', reason: expect.stringMatching(/calc\/extra\.py is not in the impact map/) });
  });

  it('documentation or comments alone impact no test, and say so', async () => {
    const { repo, sha } = repoWithMap();
    fs.appendFileSync(path.join(repo, 'README.md'), '\nMore words.\n');
    expect(await impactIn(repo, sha)).toMatchObject({ mode: 'none', reason: 'no test is impacted: the changes touch only documentation (README.md)' });
    fs.writeFileSync(path.join(repo, 'calc', 'arith.py'), `# header comment\n${fs.readFileSync(path.join(repo, 'calc', 'arith.py'), 'utf8')}`);
    fs.rmSync(path.join(repo, 'README.md'));
    git(repo, 'checkout', '-q', '--', 'README.md');
    expect(await impactIn(repo, sha)).toMatchObject({ mode: 'none', reason: expect.stringMatching(/only comments, blank lines or docstrings/) });
  });

  it('changed code that no test runs selects the full suite rather than nothing', async () => {
    const { repo, sha } = repoWithMap({ ...map, tests: Object.fromEntries(Object.entries(map.tests).filter(([id]) => !id.endsWith('test_initials'))) });
    edit(repo, 'calc/text.py', 'part[0]', 'part[:1]');
    expect(await impactIn(repo, sha)).toMatchObject({ mode: 'full', reason: expect.stringMatching(/executed by no test.*calc\/text\.py::initials/) });
  });

  it('falls back to the full suite without a base, a map, a readable map or a matching commit', async () => {
    const a = repoWithMap();
    expect((await impactIn(a.repo, undefined)).reason).toMatch(/no base revision/);
    const b = fixtureRepo();
    edit(b.repo, 'calc/arith.py', 'return a + b', 'return a - b');
    expect((await impactIn(b.repo, b.sha)).reason).toMatch(/no earlier run kept raw\/coverage\/impact-map\.json/);
    keepImpactMap(b.repo, '{"schema": "atqos/impact-map@1", "tests": 3');
    expect((await impactIn(b.repo, b.sha)).reason).toMatch(/impact map of run 20200101T000000-old is unreadable/);
    const side = git(b.repo, 'commit-tree', 'HEAD^{tree}', '-m', 'unrelated history').trim();
    keepImpactMap(b.repo, { ...map, sha: side });
    expect((await impactIn(b.repo, b.sha)).reason).toMatch(/is not an ancestor of HEAD: its line numbers may not match/);
    keepImpactMap(b.repo, { ...map, sha: 'f'.repeat(40) });
    expect((await impactIn(b.repo, b.sha)).reason).toMatch(/git could not compare the impact map's commit ffffffffffff with HEAD/);
    const { sha: _drop, ...noSha } = map;
    keepImpactMap(b.repo, noSha);
    expect((await impactIn(b.repo, b.sha)).reason).toMatch(/records no commit/);
  });

  it('a map recorded after the base (inside the change range) is not trusted', async () => {
    const { repo, sha } = repoWithMap();
    edit(repo, 'calc/arith.py', 'return a + b', 'return b + a');
    git(repo, 'commit', '-qam', 'inside');
    keepImpactMap(repo, { ...map, sha: git(repo, 'rev-parse', 'HEAD').trim() });
    expect((await impactIn(repo, sha)).reason).toMatch(/inside the change range/);
  });
});
