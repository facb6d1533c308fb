import fs from 'node:fs';
import path from 'node:path';

const SECTION = /^\s*\[flake8\]/m;

const read = (repoDir: string, file: string) => fs.promises.readFile(path.join(repoDir, file), 'utf8').catch(() => '');

/**
 * True only on flake8's own config: a `.flake8` file, or a `[flake8]` section in `setup.cfg` or
 * `tox.ini` (the three files flake8 reads). Python files alone do not turn it on.
 */
export async function detect(repoDir: string): Promise<boolean> {
  const dotfile = await fs.promises.stat(path.join(repoDir, '.flake8')).catch(() => undefined);
  if (dotfile?.isFile()) return true;
  for (const file of ['setup.cfg', 'tox.ini']) if (SECTION.test(await read(repoDir, file))) return true;
  return false;
}
