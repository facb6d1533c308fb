// The Action's entry: binds @actions/core to the runner. No logic here (see run-action.ts).
import * as core from '@actions/core';
import { describeError } from '../src/core/index.js';
import type { Logger } from '../src/plugin/contract.js';
import { runAction } from './run-action.js';

const fields = (f: Record<string, unknown>) => Object.entries(f).map(([k, v]) => ` ${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join('');

const log: Logger = {
  info: (f, msg) => core.info(`${msg}${fields(f)}`),
  warn: (f, msg) => core.warning(`${msg}${fields(f)}`),
  debug: (f, msg) => core.debug(`${msg}${fields(f)}`),
};

runAction({
  getInput: (name) => core.getInput(name),
  setOutput: (name, value) => core.setOutput(name, value),
  setSecret: (value) => core.setSecret(value),
  writeSummary: async (md) => {
    if (process.env.GITHUB_STEP_SUMMARY) await core.summary.addRaw(md, true).write();
  },
  fail: (message) => core.setFailed(message),
  log,
}).catch((err: unknown) => core.setFailed(`ATQOS: ${describeError(err)}`));
