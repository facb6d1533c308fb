// Helpers shared by the pyright plugin's specs: temp copies of the fixture project and a real collect
// (real pyright, the engine's collect context and runner). Not part of the plugin.
import { fileURLToPath } from 'node:url';
import { projectSpecKit } from '../_lib/test-support.js';
import { collect } from './collect.js';

export const projectDir = fileURLToPath(new URL('../../fixtures/projects/python-lint/', import.meta.url));
/** pyright from this repo's devDependencies, by path so PATH does not matter. */
export const PYRIGHT = fileURLToPath(new URL('../../node_modules/.bin/pyright', import.meta.url));

export const { tempDir, removeTemps, copyProject, collectIn, run } = projectSpecKit('pyright', collect, projectDir);
