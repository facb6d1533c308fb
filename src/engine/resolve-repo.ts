import fs from 'node:fs';
import path from 'node:path';
import { AtqosError } from '../core/index.js';

/** Absolute, real path of the target repo; a clear error when it is not a directory. */
export function resolveRepo(repo: string): string {
  const abs = path.resolve(repo);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new AtqosError('repo_missing', `repository path ${abs} does not exist`, { hint: 'pass --repo PATH to a checkout' });
  }
  if (!st.isDirectory()) throw new AtqosError('repo_missing', `repository path ${abs} is not a directory`, { hint: 'pass --repo PATH to a checkout' });
  return fs.realpathSync(abs);
}
