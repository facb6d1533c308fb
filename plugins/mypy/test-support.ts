// Helpers shared by the mypy plugin's specs: temp copies of the fixture project and a real collect
// (real mypy, the engine's collect context and runner). Not part of the plugin.
import { fileURLToPath } from 'node:url';
import { projectSpecKit } from '../_lib/test-support.js';
import { collect } from './collect.js';

export const projectDir = fileURLToPath(new URL('../../fixtures/projects/python-lint/', import.meta.url));
/** Debian's mypy 1.0.1; the specs use it by path so PATH does not matter. */
export const MYPY = '/usr/bin/mypy';

export const { tempDir, removeTemps, copyProject, collectIn, run } = projectSpecKit('mypy', collect, projectDir);
