import { detect as detectPytest } from '../pytest/detect.js';

/** Wherever pytest applies: the flaky plugin re-runs pytest's failures. */
export async function detect(repoDir: string): Promise<boolean> {
  return detectPytest(repoDir);
}
