import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detect } from './detect.js';
import { projectDir, removeTemps, tempDir } from './test-support.js';

afterAll(removeTemps);

function repoWith(files: Record<string, string>): string {
  const dir = tempDir('detect');
  for (const [f, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), text);
  return dir;
}

describe('mypy detect', () => {
  it('applies on mypy\'s own config only', async () => {
    expect(await detect(repoWith({ 'mypy.ini': '[mypy]\n' }))).toBe(true);
    expect(await detect(repoWith({ '.mypy.ini': '[mypy]\n' }))).toBe(true);
    expect(await detect(repoWith({ 'setup.cfg': '[metadata]\nname = x\n\n[mypy]\nstrict = True\n' }))).toBe(true);
    expect(await detect(repoWith({ 'pyproject.toml': '[[tool.mypy.overrides]]\nmodule = "x"\n' }))).toBe(true);
    expect(await detect(projectDir)).toBe(true);
  });

  it('does not apply to a plain Python or pytest project', async () => {
    expect(await detect(repoWith({ 'setup.cfg': '[tool:pytest]\n# mypy later\n', 'pyproject.toml': '[tool.pytest.ini_options]\n' }))).toBe(false);
    expect(await detect(repoWith({ 'test_x.py': 'import mypy\n' }))).toBe(false);
  });
});
