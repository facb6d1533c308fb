import type { ProtectedPath } from '../../../src/guards/index.js';

const HOOKS = 'pytest hook and fixture code: it can change how every test runs; only an environment task may change it';
const CONFIG = 'pytest configuration: it decides which tests run and how; only an environment task may change it';
const STARTUP = 'code Python runs at interpreter start: no task may add or change it';

/**
 * pytest's configuration and hook files, on top of the generic manifests and CI list (which
 * already holds pyproject.toml and setup.cfg; they are repeated here with pytest's reason).
 * A `fix_env` task may repair them; coverage config and interpreter start-up files nobody touches.
 */
export const pytestProtectedPaths: readonly ProtectedPath[] = [
  { glob: '**/conftest.py', allowFor: ['fix_env'], why: HOOKS },
  { glob: '**/{pytest.ini,.pytest.ini,pytest.toml,.pytest.toml}', allowFor: ['fix_env'], why: CONFIG },
  { glob: '**/tox.ini', allowFor: ['fix_env'], why: CONFIG },
  { glob: '**/setup.cfg', allowFor: ['fix_env'], why: `${CONFIG} ([tool:pytest])` },
  { glob: '**/pyproject.toml', allowFor: ['fix_env'], why: `${CONFIG} ([tool.pytest.ini_options])` },
  { glob: '**/.coveragerc', allowFor: [], why: 'coverage configuration: no task may change what coverage measures' },
  { glob: '**/{sitecustomize,usercustomize}.py', allowFor: [], why: STARTUP },
  { glob: '**/*.pth', allowFor: [], why: STARTUP },
];
