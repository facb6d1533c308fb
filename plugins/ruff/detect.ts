import fs from 'node:fs';
import path from 'node:path';

const TOOL_RUFF = /^\s*\[\[?tool\.ruff[.\]]/m;

/** True only on ruff's own signals: `ruff.toml`, `.ruff.toml`, or a `[tool.ruff]` table in pyproject.toml. */
export async function detect(repoDir: string): Promise<boolean> {
  if (['ruff.toml', '.ruff.toml'].some((f) => fs.existsSync(path.join(repoDir, f)))) return true;
  const pyproject = await fs.promises.readFile(path.join(repoDir, 'pyproject.toml'), 'utf8').catch(() => '');
  return TOOL_RUFF.test(pyproject);
}
