import fs from 'node:fs';
import path from 'node:path';

const MARKERS = ['pytest.ini', 'conftest.py', 'tox.ini', 'setup.cfg', 'pyproject.toml'];

/** True when the repo looks like a pytest project: pytest config, a conftest, or test_*.py files. */
export async function detect(repoDir: string): Promise<boolean> {
  for (const m of MARKERS) {
    const file = path.join(repoDir, m);
    if (!fs.existsSync(file)) continue;
    if (m === 'pytest.ini' || m === 'conftest.py') return true;
    // An unreadable marker (a directory named pyproject.toml, no permission) is simply no marker.
    const text = await fs.promises.readFile(file, 'utf8').catch(() => '');
    if (/\[(?:tool:)?pytest\]|\[tool\.pytest/.test(text)) return true;
  }
  for (const dir of ['.', 'tests', 'test']) {
    const entries = await fs.promises.readdir(path.join(repoDir, dir)).catch(() => [] as string[]);
    if (entries.some((e) => /^test_.*\.py$|_test\.py$/.test(e))) return true;
  }
  return false;
}
