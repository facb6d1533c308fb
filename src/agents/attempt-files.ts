import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AtqosError } from '../core/index.js';
import { scrubText } from '../secrets/index.js';
import type { AgentRequest } from './contract.js';

/** File names inside an attempt directory, shared by every adapter and by the engine's report. */
export const ATTEMPT_FILES = {
  request: 'request.json',
  instructions: 'instructions.md',
  stdout: 'agent.stdout',
  stderr: 'agent.stderr',
  result: 'result.json',
} as const;

/** Writes request.json and instructions.md; returns the absolute path of request.json. */
export async function writeRequestFiles(attemptDir: string, request: AgentRequest): Promise<string> {
  const requestPath = path.resolve(attemptDir, ATTEMPT_FILES.request);
  await writeArtifact(attemptDir, ATTEMPT_FILES.request, `${JSON.stringify(request, null, 2)}\n`);
  await writeArtifact(attemptDir, ATTEMPT_FILES.instructions, request.instructions);
  return requestPath;
}

export async function writeResultFile(attemptDir: string, content: unknown): Promise<void> {
  await writeArtifact(attemptDir, ATTEMPT_FILES.result, `${JSON.stringify(content, null, 2)}\n`);
}

/** Writes one attempt artifact, scrubbed of secrets (the agent's text may quote its environment). */
export async function writeArtifact(dir: string, name: string, text: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, name), scrubText(text));
  } catch (cause) {
    throw new AtqosError('attempt_dir_unwritable', `cannot write ${name} into the attempt directory '${dir}'`, {
      hint: 'check that the run directory is writable and the disk is not full',
      cause,
    });
  }
}
