import path from 'node:path';

const tails = new Map<string, Promise<unknown>>();

/**
 * Runs `fn` once every earlier call for the same repository has settled. Git's worktree
 * bookkeeping is not safe against itself: `worktree add` reads every registration while another
 * add is half-way writing one, and `worktree prune` deletes registrations that are still being made.
 */
export function withRepoLock<T>(repo: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(repo);
  const run = (tails.get(key) ?? Promise.resolve()).then(fn, fn);
  const tail = run.then(
    () => undefined,
    () => undefined,
  );
  tails.set(key, tail);
  void tail.then(() => {
    if (tails.get(key) === tail) tails.delete(key);
  });
  return run;
}
