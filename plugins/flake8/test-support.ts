// Helpers shared by the flake8 plugin's specs: temp copies of the fixture project, a real collect
// (real flake8, the engine's collect context and runner) and a real command. Not part of the plugin.
import { fileURLToPath } from 'node:url';
import { projectSpecKit } from '../_lib/test-support.js';
import { collect } from './collect.js';

export const projectDir = fileURLToPath(new URL('../../fixtures/projects/flake8-lint/', import.meta.url));
/** Debian's flake8 5.0.4 (`apt-get install flake8`); the specs use it by path so PATH does not matter. */
export const FLAKE8 = '/usr/bin/flake8';

export const { tempDir, removeTemps, copyProject, collectIn, run } = projectSpecKit('flake8', collect, projectDir);
