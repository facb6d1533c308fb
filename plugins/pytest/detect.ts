import fs from 'node:fs';
import path from 'node:path';
import { locatePytestConfig } from './config/locate.js';

const MENTIONS_PYTEST = /\[(?:tool:)?pytest\]|\[tool\.pytest/;

/** Whether pytest's config file for the repo is one (a broken file counts if it names pytest). */
async function hasPytestConfig(repoDir: string): Promise<boolean> {
  const config = locatePytestConfig(repoDir);
  if (!config) return false;
  if (config.problem === undefined || config.file.includes('pytest')) return true;
  // Running pytest on it reports the problem; not running it would hide the suite.
  const text = await fs.promises.readFile(path.join(repoDir, config.file), 'utf8').catch(() => '');
  return MENTIONS_PYTEST.test(text);
}

/** True when the repo looks like a pytest project: pytest config, a conftest, or test_*.py files. */
export async function detect(repoDir: string): Promise<boolean> {
  if (fs.existsSync(path.join(repoDir, 'conftest.py')) || (await hasPytestConfig(repoDir))) return true;
  for (const dir of ['.', 'tests', 'test']) {
    const entries = await fs.promises.readdir(path.join(repoDir, dir)).catch(() => [] as string[]);
    if (entries.some((e) => /^test_.*\.py$|_test\.py$/.test(e))) return true;
  }
  return false;
}
