import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { detect } from './detect.js';
import { projectsDir } from './test-support.js';

describe('detect', () => {
  it('recognizes the fixture projects (pyproject, pytest.ini)', async () => {
    for (const p of ['clean', 'demo', 'env-error', 'hostile-names', 'custom-test-files']) expect(await detect(path.join(projectsDir, p))).toBe(true);
  });

  it('recognizes pytest.toml, and a broken config that names pytest (running pytest reports it)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-detect-'));
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[tool.pytest.ini_options]\naddopts = "-ra\n');
    expect(await detect(dir)).toBe(true);
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "x\n');
    expect(await detect(dir)).toBe(false);
    fs.writeFileSync(path.join(dir, 'pytest.toml'), '');
    expect(await detect(dir)).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });

  it('does not claim a repo without pytest config or test files', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'atqos-detect-'));
    fs.writeFileSync(path.join(dir, 'pyproject.toml'), '[project]\nname = "x"\n');
    fs.writeFileSync(path.join(dir, 'main.py'), 'print(1)\n');
    expect(await detect(dir)).toBe(false);
    fs.mkdirSync(path.join(dir, 'tests'));
    fs.writeFileSync(path.join(dir, 'tests', 'test_main.py'), 'def test_x():\n    pass\n');
    expect(await detect(dir)).toBe(true);
    fs.rmSync(dir, { recursive: true });
  });
});
