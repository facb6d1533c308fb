import fs from 'node:fs';
import path from 'node:path';

const read = (repoDir: string, file: string) => fs.promises.readFile(path.join(repoDir, file), 'utf8').catch(() => '');

/** True only on mypy's own config: `mypy.ini`, `.mypy.ini`, `[mypy]` in setup.cfg, `[tool.mypy]` in pyproject.toml. */
export async function detect(repoDir: string): Promise<boolean> {
  if (['mypy.ini', '.mypy.ini'].some((f) => fs.existsSync(path.join(repoDir, f)))) return true;
  if (/^\s*\[mypy\]/m.test(await read(repoDir, 'setup.cfg'))) return true;
  return /^\s*\[\[?tool\.mypy[.\]]/m.test(await read(repoDir, 'pyproject.toml'));
}
