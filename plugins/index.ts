import type { Plugin } from '../src/plugin/contract.js';
import { pytestPlugin } from './pytest/index.js';
import { coveragePlugin } from './coverage/index.js';
import { junitPlugin } from './junit/index.js';
import { flakyPlugin } from './flaky/index.js';
import { skipAuditPlugin } from './skip-audit/index.js';
import { goTestPlugin } from './go-test/index.js';
import { ruffPlugin } from './ruff/index.js';
import { mypyPlugin } from './mypy/index.js';
import { pyrightPlugin } from './pyright/index.js';
import { vitestPlugin } from './vitest/index.js';
import { eslintPlugin } from './eslint/index.js';
import { coberturaPlugin } from './cobertura/index.js';
import { lcovPlugin } from './lcov/index.js';
import { ctrfPlugin } from './ctrf/index.js';
import { flake8Plugin } from './flake8/index.js';

/**
 * Every plugin ATQOS knows, by id. A plugin is one folder under plugins/ named by its id;
 * test/plugin-registry.test.ts fails when this map and the folders disagree.
 */
export const registry: ReadonlyMap<string, Plugin> = new Map<string, Plugin>([
  [pytestPlugin.id, pytestPlugin],
  [coveragePlugin.id, coveragePlugin],
  [junitPlugin.id, junitPlugin],
  [flakyPlugin.id, flakyPlugin],
  [skipAuditPlugin.id, skipAuditPlugin],
  [goTestPlugin.id, goTestPlugin],
  [ruffPlugin.id, ruffPlugin],
  [mypyPlugin.id, mypyPlugin],
  [pyrightPlugin.id, pyrightPlugin],
  [vitestPlugin.id, vitestPlugin],
  [eslintPlugin.id, eslintPlugin],
  [coberturaPlugin.id, coberturaPlugin],
  [lcovPlugin.id, lcovPlugin],
  [ctrfPlugin.id, ctrfPlugin],
  [flake8Plugin.id, flake8Plugin],
]);
