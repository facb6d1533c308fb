import type { AgentRequest } from '../contract.js';
import type { TestAddress } from './node-id.js';
import { parseNodeId } from './node-id.js';
import { insideWorktree, readIfExists } from './worktree-file.js';

/** One distinct target test function of a request, with its file's path and current source. */
export interface TargetTest {
  nodeId: string;
  address: TestAddress;
  /** `file::Class::test`: parametrized cases of one function share it. */
  key: string;
  /** Absolute path inside the worktree. */
  path: string;
  source: string | undefined;
}

/**
 * The request's target tests, one per function (a parametrized function's cases are one test,
 * since a marker or a deletion applies to the whole function). A node id that is not pytest's
 * goes to `problems`, as does a request that names none.
 */
export async function* targetTests(request: AgentRequest, problems: string[]): AsyncGenerator<TargetTest> {
  if (request.targets.nodeIds.length === 0) problems.push('the task names no test node ids');
  const seen = new Set<string>();
  for (const nodeId of request.targets.nodeIds) {
    const address = parseNodeId(nodeId);
    if (!address) {
      problems.push(`${nodeId}: not a pytest node id (path::[Class::]test_name[param])`);
      continue;
    }
    const key = `${address.file}::${address.qualname.join('::')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const path = insideWorktree(request.worktree, address.file);
    yield { nodeId, address, key, path, source: await readIfExists(path) };
  }
}
