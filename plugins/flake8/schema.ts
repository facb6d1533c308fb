import type { PythonToolOptions } from '../_lib/python-tool-options.js';
import { pythonToolOptions } from '../_lib/python-tool-options.js';

const options = pythonToolOptions('flake8', 600);

/** The `plugins.flake8` section of `.github/atqos.yml`: python, command, args, paths, timeoutSec. */
export const Flake8Options = options.schema;
export type Flake8Options = PythonToolOptions;

/** Parses and defaults the options; throws an AtqosError naming the offending key. */
export const parseOptions = options.parseOptions;

/** `command`, else `<python> -m flake8`, else `flake8`: the prefix of every flake8 invocation. */
export const flake8Prefix = options.prefix;
