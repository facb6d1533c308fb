import { describe, expect, it } from 'vitest';
import { change, makeInput, makeTask } from '../../../src/guards/test-support.js';
import { noNewSkipsGuard } from './no-new-skips.js';

const BASE = `import pytest

from shop.cart import Cart


def test_total(cart):
    cart.discount_percent = 10
    assert cart.total() == 3.60


@pytest.mark.skip(reason="needs the exchange-rate service")
def test_total_in_other_currency(cart):
    assert cart.total() > 0
`;

const PATH = 'tests/test_cart.py';
const check = (after: string, type: Parameters<typeof makeTask>[0] = 'update_test', before = BASE, path = PATH) =>
  noNewSkipsGuard.check(makeInput({ task: makeTask(type, ['**']), changes: [change(path)], base: { [path]: before }, after: { [path]: after } }));

const total = (decorator: string) => BASE.replace('def test_total(cart):', `${decorator}\ndef test_total(cart):`);

describe('no-new-skips', () => {
  it.each([
    ['a skip marker', total('@pytest.mark.skip(reason="flaky")'), 'pytest.mark.skip'],
    ['a skipif split over lines', total('@pytest.mark.skipif(\n    True,\n    reason="later",\n)'), 'pytest.mark.skipif'],
    ['an xfail with spaces around the dots', total('@pytest . mark . xfail'), 'pytest.mark.xfail'],
    ['pytest.skip() in the body', BASE.replace('    cart.discount_percent = 10', '    pytest.skip("not today")\n    cart.discount_percent = 10'), 'pytest.skip'],
    ['pytest.xfail() in the body', BASE.replace('    cart.discount_percent = 10', '    pytest.xfail("known")'), 'pytest.xfail'],
    ['importorskip', BASE.replace('from shop.cart import Cart', 'Cart = pytest.importorskip("shop.cart").Cart'), 'pytest.importorskip'],
    ['an aliased module', BASE.replace('import pytest', 'import pytest\nimport pytest as pt') + '\n\n@pt.mark.skip\ndef test_more():\n    assert 1 == 2\n', 'pytest.mark.skip'],
    ['a from-import of mark', BASE.replace('import pytest', 'import pytest\nfrom pytest import mark') + '\n\n@mark.xfail\ndef test_more():\n    assert 1 == 2\n', 'pytest.mark.xfail'],
    ['a module-level pytestmark', BASE.replace('from shop.cart import Cart', 'from shop.cart import Cart\n\npytestmark = [pytest.mark.skip]'), 'pytest.mark.skip'],
    ['unittest.skip', BASE.replace('import pytest', 'import pytest\nimport unittest').replace('def test_total(cart):', '@unittest.skip("x")\ndef test_total(cart):'), 'unittest.skip'],
    ['a conftest ignore list', BASE + '\n\ncollect_ignore.append("tests/test_cart.py")\n', 'collect_ignore'],
    ['self.skipTest', BASE + '\n\nclass TestX:\n    def test_y(self):\n        self.skipTest("later")\n', 'TestCase.skipTest'],
    ['a marker added by name', BASE + '\n\ndef pytest_collection_finish(session):\n    session.items[0].add_marker("xfail")\n', 'marker "xfail" by name'],
    ['getattr on pytest.mark', total('@getattr(pytest.mark, "skip")'), 'getattr(pytest.mark, "skip")'],
    ['a widened skipif condition', BASE.replace('@pytest.mark.skip(reason=', '@pytest.mark.skipif(True, reason='), 'pytest.mark.skipif'],
  ])('rejects %s', (_name, after, what) => {
    const v = check(after);
    expect(v.passed).toBe(false);
    expect(v.evidence).toMatch(/^a update_test task may not skip, xfail or deselect tests:\ntests\/test_cart\.py:\d+/);
    expect(v.evidence).toContain(`skip/xfail (${what})`);
  });

  it('rejects an existing skip moved onto the failing test, naming the test', () => {
    const moved = BASE.replace('@pytest.mark.skip(reason="needs the exchange-rate service")\n', '').replace('def test_total(cart):', '@pytest.mark.skip(reason="needs the exchange-rate service")\ndef test_total(cart):');
    expect(check(moved).evidence).toBe(
      'a update_test task may not skip, xfail or deselect tests:\n' +
        'tests/test_cart.py:6 (in test_total): skip/xfail (pytest.mark.skip): @pytest.mark.skip(reason="needs the exchange-rate service")',
    );
  });

  it('rejects a new alias used as a decorator at its use, not only its definition', () => {
    const base = BASE.replace('from shop.cart import Cart', 'from shop.cart import Cart\n\nlater = pytest.mark.skipif(True, reason="x")');
    const v = check(base.replace('def test_total(cart):', '@later\ndef test_total(cart):'), 'fix', base);
    expect(v.evidence).toContain('(in test_total): skip/xfail (pytest.mark.skipif): @later');
  });

  it('is not fooled by comments or strings, and ignores untouched and rephrased skips', () => {
    const after = BASE.replace('def test_total(cart):', '# @pytest.mark.skip\ndef test_total(cart):\n    """Never pytest.skip() this."""')
      .replace('needs the exchange-rate service', 'needs the FX service');
    expect(check(after)).toEqual({ guard: 'no-new-skips', passed: true });
  });

  it('lets remove_skip tasks remove skips', () => {
    expect(check(BASE.replace('@pytest.mark.skip(reason="needs the exchange-rate service")\n', ''), 'remove_skip').passed).toBe(true);
  });

  it('lets a quarantine task add one, and still reports it', () => {
    const v = check(total('@pytest.mark.xfail(reason="flaky, quarantined", strict=False)'), 'quarantine');
    expect(v.passed).toBe(true);
    expect(v.evidence).toContain('quarantine task; skips added:\ntests/test_cart.py:6 (in test_total)');
  });

  it('counts skips in a new file and in a copy against its source', () => {
    const added = noNewSkipsGuard.check(makeInput({ changes: [change('tests/test_new.py', { status: 'added' })], after: { 'tests/test_new.py': 'import pytest\npytest.skip("x", allow_module_level=True)\n' } }));
    expect(added.evidence).toContain('tests/test_new.py:2: skip/xfail (pytest.skip)');
    const copied = noNewSkipsGuard.check(makeInput({ changes: [change('tests/test_copy.py', { status: 'copied', oldPath: PATH })], base: { [PATH]: BASE }, after: { 'tests/test_copy.py': BASE } }));
    expect(copied.passed).toBe(true);
  });

  describe('pytest options in config files', () => {
    const INI = '[pytest]\naddopts = -ra\ntestpaths = tests\n';
    it.each([
      ['pytest.ini', INI, INI.replace('-ra', '-ra --deselect tests/test_cart.py::test_total'), '`--deselect` drops tests'],
      ['pytest.ini', INI, INI.replace('-ra', '-ra -p no:randomly'), '`-p` loads or disables a plugin'],
      ['pyproject.toml', '[tool.pytest.ini_options]\naddopts = "-ra"\n', '[tool.pytest.ini_options]\naddopts = "-ra -k \'not total\'"\n', '`-k`/`-m` selects a subset'],
      ['setup.cfg', '[tool:pytest]\n', '[tool:pytest]\naddopts =\n    --ignore=tests/test_cart.py\n', '`--ignore` drops test files'],
      ['tox.ini', '[testenv]\ncommands = python -m pytest\n', '[testenv]\nsetenv = PYTEST_ADDOPTS=--co\ncommands = python -m pytest\n', 'sets pytest options through the environment'],
    ])('rejects %s gaining %s', (path, before, after, why) => {
      const v = check(after, 'fix_env', before, path);
      expect(v.passed).toBe(false);
      expect(v.evidence).toContain(`${path}:`);
      expect(v.evidence).toContain(why);
    });

    it('ignores other sections and comments', () => {
      expect(check('[testenv]\ncommands = python -m pytest -x\n', 'fix_env', '', 'tox.ini').passed).toBe(true);
      expect(check(`${INI}# addopts = --deselect x\n`, 'fix_env', INI, 'pytest.ini').passed).toBe(true);
    });
  });
});
