import type { FileChange, PullRequestPlan, RepoRef } from '../publish-plan.js';
import type { TreeEntry } from './git-objects.js';
import { EMPTY_TREE_SHA, gitBlobSha, gitTreeSha } from './git-objects.js';
import type { GitHubApi } from './request.js';
import type { PublishActionName } from './result.js';
import { GhCommit, GhRef, GhSha, GhTree, parseResponse } from './shapes.js';

interface DirChanges {
  files: Map<string, FileChange>;
  dirs: Map<string, DirChanges>;
}

/** The id of the tree `files` make on top of `baseTreeSha`, reading only the directories they touch. */
export async function expectedTreeSha(api: GitHubApi, repo: RepoRef, baseTreeSha: string, files: FileChange[]): Promise<string> {
  const root: DirChanges = { files: new Map(), dirs: new Map() };
  for (const file of files) {
    const parts = file.path.split('/');
    const name = parts.pop() ?? file.path;
    let dir = root;
    for (const part of parts) {
      const sub = dir.dirs.get(part) ?? { files: new Map(), dirs: new Map() };
      dir.dirs.set(part, sub);
      dir = sub;
    }
    dir.files.set(name, file);
  }
  return (await hashDir(api, repo, baseTreeSha, root)) ?? EMPTY_TREE_SHA;
}

async function hashDir(api: GitHubApi, repo: RepoRef, treeSha: string | undefined, changes: DirChanges): Promise<string | undefined> {
  const entries = new Map<string, TreeEntry>();
  if (treeSha) {
    const tree = parseResponse(GhTree, await api.get('GET /repos/{owner}/{repo}/git/trees/{tree_sha}', { ...repo, tree_sha: treeSha }), 'reading a tree');
    for (const e of tree.tree) entries.set(e.path, { name: e.path, mode: e.mode.replace(/^0+/, ''), sha: e.sha });
  }
  for (const [name, file] of changes.files) {
    if (file.action === 'delete') entries.delete(name);
    else entries.set(name, { name, mode: file.mode, sha: gitBlobSha(Buffer.from(file.contentBase64, 'base64')) });
  }
  for (const [name, sub] of changes.dirs) {
    const current = entries.get(name);
    const sha = await hashDir(api, repo, current?.mode === '40000' ? current.sha : undefined, sub);
    if (sha) entries.set(name, { name, mode: '40000', sha });
    else entries.delete(name);
  }
  return entries.size ? gitTreeSha([...entries.values()]) : undefined;
}

/**
 * Puts the fix on `refs/heads/<branch>` as one commit on `baseSha`. When the branch already
 * holds exactly that tree nothing is written; otherwise the commit is made and the ref is
 * created or force-moved (the branch belongs to ATQOS).
 */
export async function ensureFixBranch(api: GitHubApi, repo: RepoRef, plan: PullRequestPlan): Promise<PublishActionName> {
  const base = parseResponse(GhCommit, await api.get('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: plan.baseSha }), 'reading the base commit');
  const expected = await expectedTreeSha(api, repo, base.tree.sha, plan.files);
  const ref = await api.find('GET /repos/{owner}/{repo}/git/ref/{ref}', { ...repo, ref: `heads/${plan.branch}` });
  let currentTree: string | undefined;
  if (ref) {
    const head = parseResponse(GhRef, ref, 'reading the branch').object.sha;
    currentTree = parseResponse(GhCommit, await api.get('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', { ...repo, commit_sha: head }), 'reading the branch head').tree.sha;
    if (currentTree === expected) return 'unchanged';
  }
  if (api.dryRun) return ref ? 'updated' : 'created';
  const tree = await writeTree(api, repo, base.tree.sha, plan.files);
  if (tree === currentTree) return 'unchanged';
  const commit = parseResponse(GhSha, await api.write('POST /repos/{owner}/{repo}/git/commits', { ...repo, message: plan.commitMessage, tree, parents: [plan.baseSha] }), 'creating a commit');
  if (ref) {
    await api.write('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { ...repo, ref: `heads/${plan.branch}`, sha: commit.sha, force: true });
    return 'updated';
  }
  await api.write('POST /repos/{owner}/{repo}/git/refs', { ...repo, ref: `refs/heads/${plan.branch}`, sha: commit.sha });
  return 'created';
}

// Always blobs: binary-safe and no size games with inline `content`.
async function writeTree(api: GitHubApi, repo: RepoRef, baseTree: string, files: FileChange[]): Promise<string> {
  const entries: Record<string, unknown>[] = [];
  for (const file of files) {
    if (file.action === 'delete') {
      entries.push({ path: file.path, mode: '100644', type: 'blob', sha: null });
      continue;
    }
    const blob = await api.write('POST /repos/{owner}/{repo}/git/blobs', { ...repo, content: file.contentBase64, encoding: 'base64' });
    entries.push({ path: file.path, mode: file.mode, type: 'blob', sha: parseResponse(GhSha, blob, 'creating a blob').sha });
  }
  const tree = await api.write('POST /repos/{owner}/{repo}/git/trees', { ...repo, base_tree: baseTree, tree: entries });
  return parseResponse(GhSha, tree, 'creating a tree').sha;
}
