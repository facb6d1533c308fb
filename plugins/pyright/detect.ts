import fs from 'node:fs';
import path from 'node:path';

/** True only on pyright's own config: `pyrightconfig.json` or a `[tool.pyright]` table in pyproject.toml. */
export async function detect(repoDir: string): Promise<boolean> {
  if (fs.existsSync(path.join(repoDir, 'pyrightconfig.json'))) return true;
  const pyproject = await fs.promises.readFile(path.join(repoDir, 'pyproject.toml'), 'utf8').catch(() => '');
  return /^\s*\[\[?tool\.pyright[.\]]/m.test(pyproject);
}
