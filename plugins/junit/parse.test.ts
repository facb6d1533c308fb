import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseJunit } from './parse.js';
import type { JunitCase, JunitReport } from './parse.js';

const FIXTURES = new URL('../../fixtures/junit/', import.meta.url);
const fixture = (rel: string): string => fs.readFileSync(new URL(rel, FIXTURES), 'utf8');

function report(rel: string): JunitReport {
  const parsed = parseJunit(fixture(rel));
  if (!parsed.ok) throw new Error(`${rel}: ${parsed.error}`);
  return parsed.report;
}

function outcomes(r: JunitReport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of r.cases) out[c.outcome] = (out[c.outcome] ?? 0) + 1;
  return out;
}

function byName(r: JunitReport, name: string): JunitCase {
  const found = r.cases.find((c) => c.name === name);
  if (!found) throw new Error(`no case ${name}`);
  return found;
}

describe('parseJunit on real pytest output', () => {
  for (const file of ['pytest/pytest9-xunit2.xml', 'pytest/pytest9-xunit1.xml']) {
    it(`${file}: outcomes, teardown duplicate merged, subtests noted`, () => {
      const r = report(file);
      expect(r.cases).toHaveLength(18);
      expect(outcomes(r)).toEqual({ passed: 5, failed: 8, error: 2, skipped: 2, xfailed: 1 });
      expect(r.declared).toMatchObject({ tests: 22, failures: 9, errors: 3, skipped: 3 });
      expect(r.notes).toContain('declared tests=22 but 19 testcase elements (pytest subtests?); counting the elements');
      expect(r.notes.some((n) => n.startsWith('declared failures'))).toBe(false);

      const teardown = byName(r, 'test_fails_then_teardown_errors');
      expect(teardown.outcome).toBe('failed');
      expect(teardown.message).toBe('AssertionError: call failed\nassert 0');
      expect(teardown.extra).toHaveLength(1);
      expect(teardown.extra?.[0]).toMatchObject({ outcome: 'error', message: 'failed on teardown with "RuntimeError: teardown boom"' });
      expect(r.cases.filter((c) => c.name === 'test_fails_then_teardown_errors')).toHaveLength(1);

      expect(byName(r, 'test_passes_then_teardown_errors')).toMatchObject({ outcome: 'error', message: 'failed on teardown with "RuntimeError: teardown boom"' });
      expect(byName(r, 'test_setup_error')).toMatchObject({ outcome: 'error', message: 'failed on setup with "RuntimeError: database unavailable"' });
      expect(byName(r, 'test_xfail')).toMatchObject({ outcome: 'xfailed', type: 'pytest.xfail', message: 'known bug #12' });
      expect(byName(r, 'test_xpass_strict')).toMatchObject({ outcome: 'failed', message: '[XPASS(strict)] fixed upstream' });
      expect(byName(r, 'test_xpass_lenient').outcome).toBe('passed');
      expect(byName(r, 'test_skipped')).toMatchObject({ outcome: 'skipped', type: 'pytest.skip', message: 'not on this platform' });
      expect(byName(r, 'test_param[2]').outcome).toBe('failed');
      expect(byName(r, 'test_in_class_fails').classname).toBe('test_sample.TestGroup');

      const raised = byName(r, 'test_raises_exception');
      expect(raised.message).toBe('ValueError: bad value <42> & more');
      expect(raised.details).toContain('>       raise ValueError("bad value <42> & more")');

      const subtests = byName(r, 'test_with_subtests');
      expect(subtests).toMatchObject({ outcome: 'failed', message: 'AssertionError: i was 1\nassert 1 != 1' });
      expect(subtests.extra).toEqual([{ outcome: 'failed', message: 'contains 1 failed subtest', details: 'contains 1 failed subtest' }]);
    });
  }

  it('pytest 7 xunit1: file and line attributes, counts agree once the duplicate is merged', () => {
    const r = report('pytest/pytest7-xunit1.xml');
    expect(r.cases).toHaveLength(17);
    expect(outcomes(r)).toEqual({ passed: 5, failed: 7, error: 2, skipped: 2, xfailed: 1 });
    expect(byName(r, 'test_passes')).toMatchObject({ file: 'test_sample.py', line: 4 });
    expect(r.notes).toEqual(['merged 1 duplicate testcase entries (pytest writes a second one for a teardown error)']);
  });

  it('xunit2 carries no file or line', () => {
    expect(byName(report('pytest/pytest9-xunit2.xml'), 'test_passes').file).toBeUndefined();
  });
});

describe('parseJunit on other dialects', () => {
  it('jest-junit: message-less failures, entity-escaped names, <skipped/>', () => {
    const r = report('jest/jest-junit.xml');
    expect(outcomes(r)).toEqual({ passed: 3, failed: 2, skipped: 1 });
    const failed = byName(r, 'math utils divides by zero');
    expect(failed).toMatchObject({ suite: 'math utils', file: 'src/math.test.ts', durationMs: 12 });
    expect(failed.message).toBeUndefined();
    expect(failed.details?.split('\n')[2]).toBe('Expected substring: "division by zero"');
    expect(r.cases.map((c) => c.name)).toContain('math utils rounds <half> up');
    expect(r.notes).toEqual([]);
  });

  it('Surefire: flakyFailure only → passed with reruns; failure + rerunFailure → failed', () => {
    const r = report('surefire/TEST-com.example.CartServiceTest.xml');
    expect(outcomes(r)).toEqual({ passed: 2, failed: 1, error: 1, skipped: 1 });
    expect(byName(r, 'appliesDiscount')).toMatchObject({
      outcome: 'passed',
      reruns: [{ kind: 'flakyFailure', message: 'expected: <90> but was: <100>', type: 'org.opentest4j.AssertionFailedError' }],
    });
    const tax = byName(r, 'computesTax');
    expect(tax.outcome).toBe('failed');
    expect(tax.reruns?.map((x) => x.kind)).toEqual(['rerunFailure', 'rerunFailure']);
    expect(tax.details).toContain('CartServiceTest.java:58');
    expect(byName(r, 'connectsToInventory')).toMatchObject({ outcome: 'error', type: 'java.net.ConnectException', systemOut: 'connecting to inventory at localhost:5432\n' });
  });

  it('go-junit-report: subtests by name, CDATA details, build failure as error', () => {
    const r = report('go/go-junit-report.xml');
    expect(outcomes(r)).toEqual({ passed: 2, failed: 2, skipped: 1, error: 1 });
    expect(byName(r, 'TestTotal/with_discount')).toMatchObject({ message: 'Failed', details: '    cart_test.go:41: Total() = 100, want 90' });
    expect(byName(r, '[build failed]')).toMatchObject({ outcome: 'error', suite: 'github.com/acme/shop/api' });
    expect(byName(r, 'TestCharge').durationMs).toBe(30_000);
  });

  it('Playwright: failure with CDATA, empty <skipped>', () => {
    const r = report('playwright/results.xml');
    expect(outcomes(r)).toEqual({ passed: 2, failed: 1, skipped: 1 });
    const failed = byName(r, 'login › rejects a bad password');
    expect(failed).toMatchObject({ suite: 'login.spec.ts', classname: 'login.spec.ts', type: 'FAILURE' });
    expect(failed.details).toContain('Received: <element(s) not found>');
    expect(r.declared).toEqual({ tests: 4, failures: 1, errors: 0, skipped: 1, timeMs: 12_877 });
  });

  it('behave: a bare <testsuite> root with status attributes', () => {
    const r = report('behave/TESTS-calculator.xml');
    expect(outcomes(r)).toEqual({ passed: 1, failed: 1, skipped: 1 });
    expect(byName(r, 'Divide by zero')).toMatchObject({ suite: 'calculator.Calculator', type: 'AssertionError', message: 'Assertion Failed: expected error message' });
  });

  it('PHPUnit: nested suites joined with " > ", file inherited, unnamed suite skipped', () => {
    const r = report('generic/phpunit-nested.xml');
    expect(outcomes(r)).toEqual({ passed: 2, failed: 1, error: 1, skipped: 1 });
    expect(byName(r, 'testPeek with data set #1')).toMatchObject({
      suite: 'Unit > Tests\\Unit\\StackTest > Tests\\Unit\\StackTest::testPeek',
      outcome: 'error',
      type: 'TypeError',
      file: '/home/dev/app/tests/Unit/StackTest.php',
      line: 31,
    });
    expect(r.declared).toMatchObject({ tests: 5, failures: 1, errors: 1, skipped: 1 });
    expect(r.notes).toEqual([]);
  });

  it('BOM, CRLF, odd times, no classname, status only, properties and output', () => {
    const r = report('generic/edge-cases-bom-crlf.xml');
    expect(r.cases.map((c) => [c.name, c.outcome, c.durationMs])).toEqual([
      ['thousands separator', 'passed', 1_234_500],
      ['missing time', 'passed', 0],
      ['garbage time', 'passed', 0],
      ['no classname', 'skipped', 250],
      ['error with only text', 'error', 500],
      ['status only', 'failed', 6000],
      ['with properties', 'passed', 1],
    ]);
    expect(byName(r, 'no classname').classname).toBe('');
    expect(byName(r, 'error with only text').details).toBe('Traceback (most recent call last):\n  File "edge.py", line 3, in <module>\nKeyError: \'missing & gone\'');
    expect(byName(r, 'with properties')).toMatchObject({
      properties: { owner: 'team-a & b', ticket: 'JIRA-42' },
      systemOut: 'line one\nline two',
      systemErr: 'warning: deprecated',
    });
    expect(r.declared?.timeMs).toBe(1_240_750);
  });

  it('several <testsuite> roots are read as siblings, with a note', () => {
    const r = report('generic/concatenated-suites.xml');
    expect(r.cases.map((c) => `${c.suite}/${c.name}/${c.outcome}`)).toEqual(['part-1/one/passed', 'part-2/two/failed']);
    expect(r.notes).toEqual(['2 root <testsuite> elements (concatenated reports?); read as siblings']);
  });

  it('an empty <testsuite/> parses to zero cases', () => {
    expect(report('generic/empty-testsuites.xml').cases).toEqual([]);
  });
});

describe('parseJunit on bad input never throws and says what is wrong', () => {
  const cases: [string, RegExp][] = [
    ['malformed/truncated.xml', /^XML is truncated: the file ends inside <failure> opened at line \d+/],
    ['malformed/empty.xml', /^file is empty/],
    ['malformed/not-xml.xml', /^not XML: it starts with "=====/],
    ['malformed/binary.xml', /^file is binary/],
    ['malformed/html.xml', /^not a JUnit report: it is an HTML page/],
    ['malformed/coverage.xml', /^not a JUnit report: root element is <coverage>/],
    ['malformed/billion-laughs.xml', /^DOCTYPE not allowed/],
    ['malformed/xxe.xml', /^DOCTYPE not allowed/],
    ['malformed/mismatched-tags.xml', /^XML is malformed at line 6, column 5: <\/testcase> closes <failure> \(opened at line 5, column 7\)/],
  ];
  for (const [file, message] of cases) {
    it(file, () => {
      const parsed = parseJunit(fixture(file));
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error).toMatch(message);
    });
  }

  it('billion laughs is refused fast, without expanding anything', () => {
    const start = performance.now();
    const parsed = parseJunit(fixture('malformed/billion-laughs.xml'));
    expect(performance.now() - start).toBeLessThan(50);
    expect(JSON.stringify(parsed)).not.toContain('lollol');
  });

  const inline: [string, string, RegExp][] = [
    ['unquoted attribute', '<testsuite name=a><testcase name="x"/></testsuite>', /value of attribute "name" of <testsuite> is not quoted/],
    ['stray <', '<testsuite><testcase name="x" < /></testsuite>', /malformed at line 1, column 31/],
    ['text after root', '<testsuite/>junk', /text after the root element/],
    ['cut inside a comment', '<testsuite><!-- never ends', /truncated: the file ends inside <testsuite>/],
    ['whitespace only', ' \r\n\t', /file is empty/],
    ['mixed roots', '<testsuite/><coverage/>', /root element is <coverage>/],
    ['html without doctype', '<html><body><br></body></html>', /root element is <html> \(an HTML page/],
    ['< in attribute', '<testsuite name="a<b"/>', /"<" inside the value of attribute "name"/],
    ['< in a later attribute', '<testsuite name="a" id="x"><testcase name="b" x="1<2"/></testsuite>', /column 51: "<" inside the value of attribute "x" of <testcase>/],
    ['close tag with a different name', '<testsuite><testcase></testcases></testsuite>', /<\/testcases> closes <testcase>/],
  ];
  for (const [label, xml, message] of inline) {
    it(label, () => {
      const parsed = parseJunit(xml);
      expect(parsed).toMatchObject({ ok: false });
      if (!parsed.ok) expect(parsed.error).toMatch(message);
    });
  }
});

describe('parseJunit details', () => {
  it('decodes entities in text but not inside CDATA, and never expands unknown ones', () => {
    const parsed = parseJunit('<testsuite><testcase name="a&#x41;&#66;"><failure message="&lt;&amp;&gt;&quot;&apos;&nope;">x &amp;lt; y<![CDATA[ &amp; raw ]]></failure></testcase></testsuite>');
    expect(parsed.ok && parsed.report.cases[0]).toMatchObject({ name: 'aAB', message: '<&>"\'&nope;', details: 'x &lt; y\n &amp; raw ' });
  });

  it('caps system-out at 64 KiB', () => {
    const big = 'x'.repeat(200_000);
    const parsed = parseJunit(`<testsuite><testcase name="a"><system-out>${big}</system-out></testcase></testsuite>`);
    const out = parsed.ok ? parsed.report.cases[0]?.systemOut : undefined;
    expect(out?.length).toBe(64 * 1024);
    expect(out).toMatch(/characters truncated by atqos\]$/);
  });

  it('keeps same-named cases that are not a teardown duplicate', () => {
    const parsed = parseJunit('<testsuite><testcase classname="c" name="same"/><testcase classname="c" name="same"><failure message="x"/></testcase></testsuite>');
    expect(parsed.ok && parsed.report.cases.map((c) => c.outcome)).toEqual(['passed', 'failed']);
  });

  it('a rerunFailure without a final failure is still no pass', () => {
    const parsed = parseJunit('<testsuite><testcase name="t"><rerunFailure message="boom" type="E"/></testcase></testsuite>');
    expect(parsed.ok && parsed.report.cases[0]).toMatchObject({ outcome: 'failed', message: 'boom', type: 'E' });
  });
});
