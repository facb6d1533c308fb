import { describe, expect, it } from 'vitest';
import { classifyFailure } from './classify.js';
import type { FailureSignal } from './classify.js';

const REPO = '/work/repo';
function signal(excType: string | undefined, message: string, more: Partial<FailureSignal> = {}): FailureSignal {
  return { excType, message, traceback: '', repoModules: new Set(['shop', 'src', 'tests']), inRepo: (p) => p.startsWith(`${REPO}/`), ...more };
}

describe('classifyFailure', () => {
  const cases: [string, FailureSignal, string, boolean][] = [
    ['missing third-party module', signal('ModuleNotFoundError', "No module named 'requests'"), 'environment', true],
    ['missing repo package (not importable)', signal('ModuleNotFoundError', "No module named 'shop'"), 'environment', true],
    ['removed repo submodule', signal('ModuleNotFoundError', "No module named 'shop.gone'"), 'exception', false],
    ['removed name from a repo module', signal('ImportError', `cannot import name 'Gone' from 'app.models' (${REPO}/app/models.py)`), 'exception', false],
    ['name missing from an installed package', signal('ImportError', "cannot import name 'Thing' from 'requests' (/usr/lib/python3/dist-packages/requests/__init__.py)"), 'environment', true],
    ['package metadata missing', signal('PackageNotFoundError', 'No package metadata was found for foo'), 'environment', true],
    ['missing fixture', signal('FixtureLookupError', "fixture 'db_session' not found"), 'environment', true],
    ['unknown option', signal(undefined, 'error: unrecognized arguments: --cov'), 'environment', true],
    ['pytest-timeout', signal('Failed', 'Failed: Timeout >1.0s'), 'timeout', false],
    ['builtin TimeoutError', signal('TimeoutError', 'timed out'), 'timeout', false],
    ['connection refused', signal('ConnectionRefusedError', '[Errno 111] Connection refused'), 'network', false],
    ['dns', signal('gaierror', '[Errno -2] Name or service not known'), 'network', false],
    ['requests wrapping urllib3', signal('ConnectionError', 'HTTPConnectionPool(host=x): Max retries exceeded', { chain: ['urllib3.exceptions.MaxRetryError'] }), 'network', false],
    ['http 401', signal('HTTPError', '401 Client Error: Unauthorized for url'), 'auth', false],
    ['credentials permission', signal('PermissionError', "[Errno 13] Permission denied: '/home/u/.netrc' credentials"), 'auth', false],
    ['bad json fixture', signal('JSONDecodeError', 'Expecting value: line 1 column 1 (char 0)'), 'data', false],
    ['key error over a data file', signal('KeyError', "'price'", { traceback: '>   row = load("tests/data/orders.json")["price"]' }), 'data', false],
    ['randomness on the failing line', signal('AssertionError', 'assert 3 == 4', { traceback: '>       assert random.randint(1, 6) == 4' }), 'flaky', false],
    ['assertion', signal('AssertionError', 'assert 1 == 2'), 'assertion', false],
    ['plain exception', signal('ZeroDivisionError', 'division by zero'), 'exception', false],
  ];
  for (const [name, s, category, environment] of cases) {
    it(name, () => {
      const c = classifyFailure(s);
      expect([c.category, c.environment]).toEqual([category, environment]);
      expect(c.reason.length).toBeGreaterThan(0);
    });
  }
});
