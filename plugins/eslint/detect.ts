import fs from 'node:fs';
import path from 'node:path';

const FLAT_CONFIG = /^eslint\.config\.(?:[cm]?js|[cm]?ts)$/;
const LEGACY_CONFIG = /^\.eslintrc(?:\.(?:js|cjs|json|ya?ml))?$/;

function packageHasEslintConfig(repoDir: string): boolean {
  try {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8'));
    return !!pkg && typeof pkg === 'object' && Object.hasOwn(pkg, 'eslintConfig');
  } catch {
    return false;
  }
}

/**
 * True on eslint's own signals only: a flat config (`eslint.config.*`), a legacy `.eslintrc*`,
 * or an `eslintConfig` section in package.json — never on JavaScript files alone.
 */
export async function detect(repoDir: string): Promise<boolean> {
  const entries = await fs.promises.readdir(repoDir).catch(() => [] as string[]);
  return entries.some((e) => FLAT_CONFIG.test(e) || LEGACY_CONFIG.test(e)) || packageHasEslintConfig(repoDir);
}
