import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { atqos, copyProject, makeProject, parseJsonOut, removeTempDirs, tempDir } from './support.js';

afterAll(removeTempDirs);

const TEST = { 'tests/test_one.py': 'def test_one():\n    assert True\n' };

describe('a broken .github/atqos.yml stops before anything runs', () => {
  const cases: { name: string; yaml: string; names: RegExp }[] = [
    { name: 'a cron that is not a cron', yaml: 'lanes:\n  nightly:\n    cron: "every day"\n', names: /`lanes\.nightly\.cron` is not a cron expression/ },
    { name: 'an unknown top-level key', yaml: 'version: 1\ncolour: red\n', names: /unknown key colour/ },
    { name: 'invalid YAML', yaml: 'plugins:\n  pytest: [unclosed\n', names: /\.github\/atqos\.yml: not valid YAML/ },
    { name: 'a misspelt plugin option', yaml: 'plugins:\n  pytest:\n    pyhton: python3\n', names: /plugins\.pytest has unknown key\(s\): pyhton/ },
  ];
  it.each(cases)('$name → exit 3, stderr names the key, no run directory', async ({ yaml, names }) => {
    const repo = makeProject('bad-config', { '.github/atqos.yml': yaml, ...TEST });
    const r = await atqos(['diagnose', '--json', '--repo', repo], repo);
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toMatch(names);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(path.join(repo, '.atqos')), '.atqos was created for a run that never ran').toBe(false);
  });

  it('a --config path that does not exist → exit 3 naming the path', async () => {
    const repo = makeProject('no-config', TEST);
    const r = await atqos(['diagnose', '--config', 'missing.yml'], repo);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/missing\.yml/);
    expect(fs.existsSync(path.join(repo, '.atqos'))).toBe(false);
  });

  it('an unknown command or option → exit 3 with a hint', async () => {
    const dir = tempDir('usage');
    const unknown = await atqos(['diagnoze'], dir);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toMatch(/unknown command "diagnoze"/);
    const option = await atqos(['diagnose', '--bogus'], dir);
    expect(option.code).toBe(3);
    expect(option.stderr).toMatch(/--bogus/);
  });
});

describe('atqos config and plugins', () => {
  it('config schema prints a JSON Schema with the plugins.pytest options', async () => {
    const r = await atqos(['config', 'schema'], tempDir('schema'));
    expect(r.code, r.stderr).toBe(0);
    const schema = parseJsonOut<{ properties: Record<string, { properties?: Record<string, { properties?: Record<string, unknown> }> }> }>(r);
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['lanes', 'plugins', 'runs', 'env']));
    const pytest = schema.properties['plugins']?.properties?.['pytest'];
    expect(pytest, 'plugins.pytest missing from the JSON Schema').toBeDefined();
    expect(Object.keys(pytest!.properties ?? {})).toEqual(expect.arrayContaining(['python', 'args', 'testPaths', 'timeoutSec']));
  });

  it('config show prints the config merged over the defaults', async () => {
    const repo = makeProject('show', { '.github/atqos.yml': 'plugins:\n  pytest:\n    python: /usr/bin/python3\n    args: ["-x"]\nlanes:\n  nightly:\n    timeoutSec: 60\n', ...TEST });
    const r = await atqos(['config', 'show', '--repo', repo], tempDir('elsewhere'));
    expect(r.code, r.stderr).toBe(0);
    const shown = parseJsonOut<{ source: string; plugins: { pytest: Record<string, unknown> }; lanes: Record<string, Record<string, unknown>>; runs: { dir: string } }>(r);
    expect(shown.source).toBe('.github/atqos.yml');
    expect(shown.plugins.pytest).toMatchObject({ python: '/usr/bin/python3', args: ['-x'], timeoutSec: 1800 });
    expect(shown.lanes['nightly']).toMatchObject({ timeoutSec: 60 });
    expect(Object.keys(shown.lanes)).toEqual(expect.arrayContaining(['pr', 'health', 'weekly', 'release']));
    expect(shown.runs.dir).toBe('.atqos');
  });

  it('plugins --json: pytest applies to the demo, not to an empty dir', async () => {
    const demo = copyProject('demo');
    const empty = tempDir('empty');
    const [onDemo, onEmpty] = await Promise.all([atqos(['plugins', '--json', '--repo', demo], demo), atqos(['plugins', '--json'], empty)]);
    expect(onDemo.code).toBe(0);
    const applies = (r: typeof onDemo) => Object.fromEntries(parseJsonOut<{ id: string; applies: boolean }[]>(r).map((p) => [p.id, p.applies]));
    expect(applies(onDemo)['pytest']).toBe(true);
    expect(applies(onEmpty)['pytest']).toBe(false);
    // Which lanes a detected extra joins, and which plugins only ingest.
    const rows = Object.fromEntries(parseJsonOut<{ id: string; lanes: string[] | null; ingest: boolean }[]>(onDemo).map((p) => [p.id, p]));
    expect(rows['coverage']).toMatchObject({ lanes: ['weekly', 'release'], ingest: false });
    expect(rows['pytest']).toMatchObject({ lanes: null, ingest: false });
    expect(['junit', 'ctrf', 'cobertura', 'lcov'].map((id) => rows[id]?.ingest)).toEqual([true, true, true, true]);
    const text = await atqos(['plugins', '--repo', demo], demo);
    expect(text.stdout).toMatch(/^\* coverage .*\[lanes: weekly, release\]$/m);
    expect(text.stdout).toMatch(/^ {2}lcov .*\[atqos ingest\]$/m);
  });

  // Each fixture project turns on exactly its own tools; every other plugin says it does not apply.
  const projects: { name: string; applies: string[] }[] = [
    { name: 'ts-app', applies: ['eslint', 'vitest'] },
    { name: 'go-module', applies: ['go-test'] },
    { name: 'python-lint', applies: ['mypy', 'pyright', 'ruff'] },
    { name: 'flake8-lint', applies: ['coverage', 'flake8', 'flaky', 'pytest', 'skip-audit'] },
  ];
  it.each(projects)('plugins --json on $name: exactly $applies apply', async ({ name, applies }) => {
    const repo = copyProject(name);
    const r = await atqos(['plugins', '--json', '--repo', repo], tempDir('elsewhere'));
    expect(r.code, r.stderr).toBe(0);
    const rows = parseJsonOut<{ id: string; applies: boolean; ingest: boolean }[]>(r);
    expect(rows.filter((p) => p.applies).map((p) => p.id).sort()).toEqual(applies);
    const others = rows.filter((p) => !applies.includes(p.id));
    expect(others.length).toBeGreaterThan(5);
    expect(others.every((p) => p.applies === false)).toBe(true);
    // Ingest formats never detect themselves.
    expect(rows.filter((p) => p.ingest).every((p) => !p.applies)).toBe(true);
    const text = await atqos(['plugins', '--repo', repo], repo);
    expect(text.stdout.split('\n').filter((l) => l.startsWith('* ')).map((l) => l.slice(2).split(' ')[0]).sort()).toEqual(applies);
  });
});
