import fs from 'node:fs';
import path from 'node:path';

const VITEST_CONFIG = /^vitest\.config\.(?:[cm]?[jt]s)$/;
const VITE_CONFIG = /^vite\.config\.(?:[cm]?[jt]s)$/;

interface PackageJson {
  dependencies?: Record<string, unknown>;
  devDependencies?: Record<string, unknown>;
  scripts?: Record<string, unknown>;
}

function readPackageJson(repoDir: string): PackageJson | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(path.join(repoDir, 'package.json'), 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as PackageJson) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether package.json names vitest: a dependency, or a script that runs it. */
export function packageUsesVitest(pkg: PackageJson | undefined): boolean {
  if (!pkg) return false;
  if (Object.hasOwn(pkg.dependencies ?? {}, 'vitest') || Object.hasOwn(pkg.devDependencies ?? {}, 'vitest')) return true;
  return Object.values(pkg.scripts ?? {}).some((s) => typeof s === 'string' && /(?:^|[\s;&|/])vitest(?:\s|$)/.test(s));
}

/**
 * True on vitest's own signals only: a `vitest.config.*`, a `vite.config.*` that configures
 * vitest, or vitest in package.json (dependencies or scripts). Never on `*.test.ts` files alone:
 * jest projects have those too.
 */
export async function detect(repoDir: string): Promise<boolean> {
  const entries = await fs.promises.readdir(repoDir).catch(() => [] as string[]);
  if (entries.some((e) => VITEST_CONFIG.test(e))) return true;
  for (const e of entries.filter((x) => VITE_CONFIG.test(x))) {
    const text = await fs.promises.readFile(path.join(repoDir, e), 'utf8').catch(() => '');
    if (/\bvitest\b|\btest\s*:/.test(text)) return true;
  }
  return packageUsesVitest(readPackageJson(repoDir));
}
