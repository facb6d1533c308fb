import type { Plugin } from '../src/plugin/contract.js';
import { pytestPlugin } from './pytest/index.js';
import { junitPlugin } from './junit/index.js';

/**
 * Every plugin ATQOS knows, by id. A plugin is one folder under plugins/ named by its id;
 * test/plugin-registry.test.ts fails when this map and the folders disagree.
 */
export const registry: ReadonlyMap<string, Plugin> = new Map<string, Plugin>([
  [pytestPlugin.id, pytestPlugin],
  [junitPlugin.id, junitPlugin],
]);
