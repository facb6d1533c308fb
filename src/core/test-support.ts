import { AtqosError } from './errors.js';

/** The AtqosError `fn` throws; fails the test when it throws nothing or something else. */
export function thrownBy(fn: () => unknown): AtqosError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AtqosError) return err;
    throw err;
  }
  throw new Error('expected an AtqosError');
}

/** The AtqosError `promise` rejects with; fails the test when it resolves or rejects with something else. */
export async function rejectionOf(promise: Promise<unknown>): Promise<AtqosError> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof AtqosError) return err;
    throw err;
  }
  throw new Error('expected a rejection with an AtqosError');
}
