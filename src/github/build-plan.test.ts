import { describe, expect, it } from 'vitest';
import type { Finding } from '../core/index.js';
import { AtqosError } from '../core/index.js';
import { thrownBy } from '../core/test-support.js';
import { buildPublishPlan } from './build-plan.js';
import { PublishPlan } from './publish-plan.js';
import { parseMarkers } from './render/markers.js';
import { BASE, demoFindings, demoInput, demoRun, hostileFinding } from './test-support.js';

/** The plan as the Publisher will read it: JSON, parsed by the schema. */
function roundTrip(plan: PublishPlan): PublishPlan {
  return PublishPlan.parse(JSON.parse(JSON.stringify(plan)));
}

function manyFindings(n: number): Finding[] {
  const [base] = demoFindings() as [Finding];
  const kinds = ['test_failure', 'coverage_gap', 'lint_error', 'collection_error'] as const;
  const severities = ['blocker', 'high', 'medium', 'low'] as const;
  return Array.from({ length: n }, (_, i) => ({
    ...base,
    kind: kinds[i % 4] as Finding['kind'],
    severity: severities[(i >> 2) % 4] as Finding['severity'],
    fingerprint: i.toString(16).padStart(40, '0'),
    title: `finding ${i}`,
    scope: { ...base.scope, file: `pkg${i % 50}/mod_${i}.py`, line: (i % 300) + 1 },
    evidence: { ...base.evidence, assertionMessage: `assert ${i} == ${i + 1}\n${'detail '.repeat(200)}`, excerpt: 'E   boom\n'.repeat(300) },
  }));
}

describe('buildPublishPlan: a red run of the demo project', () => {
  const plan = buildPublishPlan(demoInput());

  it('is a valid plan that survives JSON', () => {
    expect(roundTrip(plan)).toEqual(plan);
    expect(plan.runId).toBe(demoRun().id);
  });

  it('makes a red check run with counts, a summary, annotations and the fix button', () => {
    const [check] = plan.checkRuns;
    expect(check).toMatchObject({ name: 'ATQOS / nightly', status: 'completed', conclusion: 'failure', detailsUrl: 'https://github.com/acme/shop/actions/runs/42' });
    expect(check!.title).toBe('4 failing findings · 12 tests (6 passed, 3 failed, 1 error, 1 skipped)');
    expect(check!.summary).toContain('| 12 | 6 | 3 | 1 | 1 | 1 | 0 | 2.35 s |');
    expect(check!.summary).toContain('### Failing findings (4)');
    expect(check!.annotations).toHaveLength(4);
    expect(check!.annotations).toContainEqual(expect.objectContaining({ path: 'src/shop/cart.py', start_line: 28, end_line: 28, annotation_level: 'failure', message: 'ZeroDivisionError: division by zero' }));
    expect(check!.actions).toEqual([{ label: 'Fix with ATQOS', description: 'Let ATQOS agents fix the failing tests', identifier: 'atqos-fix' }]);
  });

  it('opens one issue per finding, keyed by its marker on the first line, with a permalink at the run SHA', () => {
    expect(plan.issues.map((i) => i.state)).toEqual(['open', 'open', 'open', 'open']);
    for (const issue of plan.issues) {
      expect(issue.body.split('\n')[0]).toBe(`<!-- atqos:finding=${issue.fingerprint} -->`);
      expect(parseMarkers(issue.body)).toEqual({ finding: issue.fingerprint, dashboard: false });
      expect(issue.title.startsWith('[ATQOS] ')).toBe(true);
      expect(issue.labels).toEqual(['atqos', `atqos:${issue.kind}`, `severity:${issue.severity}`]);
      expect(issue.reopenComment).toContain(demoRun().id);
    }
    const zero = plan.issues.find((i) => i.kind === 'test_error')!;
    expect(zero.body).toContain(`(https://github.com/acme/shop/blob/${BASE}/src/shop/cart.py#L28)`);
    expect(zero.body).toMatch(/```text\n[\s\S]*ZeroDivisionError[\s\S]*\n```/);
  });
});

describe('buildPublishPlan: first seen', () => {
  it('names the run that first saw a finding when the store knows it, and leaves the row out otherwise', () => {
    const findings = demoFindings();
    const plan = buildPublishPlan(demoInput({ firstSeen: { [findings[0]!.fingerprint]: 'r-earlier_1' } }));
    expect(plan.issues.find((i) => i.fingerprint === findings[0]!.fingerprint)!.body).toContain('| first seen | run `r-earlier_1` |');
    expect(plan.issues.find((i) => i.fingerprint === findings[1]!.fingerprint)!.body).not.toContain('first seen');
  });
});

describe('buildPublishPlan: verdicts', () => {
  it('a green run with no findings is a success without annotations, button or issues', () => {
    const plan = buildPublishPlan(demoInput({ run: demoRun({ conclusion: 'green' }), findings: [], tasks: [], attempts: [], accepted: [] }));
    expect(plan.checkRuns[0]).toMatchObject({ conclusion: 'success', annotations: [], actions: [] });
    expect(plan.checkRuns[0]!.title).toMatch(/^No failing findings/);
    expect(plan.issues).toEqual([]);
    expect(plan.pullRequests).toEqual([]);
  });

  it('an errored run is never green and closes no issue, even with no findings', () => {
    const gone = demoFindings();
    const run = demoRun({ conclusion: 'error', error: 'pytest crashed: no JUnit report', counts: undefined });
    const plan = buildPublishPlan(demoInput({ run, findings: [], gone, tasks: [], attempts: [], accepted: [] }));
    expect(plan.checkRuns[0]!.conclusion).toBe('failure');
    expect(plan.checkRuns[0]!.title).toBe('Run could not be trusted: pytest crashed: no JUnit report');
    expect(plan.checkRuns[0]!.summary).toContain('their issues stay open');
    expect(plan.issues).toEqual([]);
  });

  it('a run that did not finish is a failure too', () => {
    const plan = buildPublishPlan(demoInput({ run: demoRun({ status: 'crashed', conclusion: 'green' }), findings: [], tasks: [], attempts: [], accepted: [] }));
    expect(plan.checkRuns[0]).toMatchObject({ conclusion: 'failure', title: 'Run could not be trusted: the run crashed' });
  });

  it('closes gone findings with a comment when the run is trusted, but not ones seen again', () => {
    const [still, ...rest] = demoFindings() as [Finding, ...Finding[]];
    const plan = buildPublishPlan(demoInput({ findings: [still], gone: [still, ...rest], tasks: [], attempts: [], accepted: [] }));
    const closed = plan.issues.filter((i) => i.state === 'closed');
    expect(closed.map((i) => i.fingerprint).sort()).toEqual(rest.map((f) => f.fingerprint).sort());
    expect(closed[0]!.closeComment).toBe(`No longer seen in run \`${demoRun().id}\` (lane \`nightly\`) at \`${BASE.slice(0, 12)}\`; closed by ATQOS. It is reopened if the finding comes back.`);
    expect(plan.issues.find((i) => i.fingerprint === still.fingerprint)?.state).toBe('open');
  });

  it('offers no fix button when every failing finding already has a PR or is a crashed tool', () => {
    const input = demoInput();
    const covered = input.findings.filter((f) => input.tasks[0]!.findings.includes(f.fingerprint));
    const toolError: Finding = { ...hostileFinding('pytest exited 4'), kind: 'tool_error', fingerprint: '9'.repeat(40) };
    const plan = buildPublishPlan({ ...input, findings: [...covered, toolError] });
    expect(plan.checkRuns[0]!.conclusion).toBe('failure');
    expect(plan.checkRuns[0]!.actions).toEqual([]);
  });
});

describe('buildPublishPlan: annotations', () => {
  it('uses line 1 when the line is unknown and skips findings without a repo file', () => {
    const [f] = demoFindings() as [Finding];
    const noLine = { ...f, fingerprint: '1'.repeat(40), kind: 'coverage_gap' as const, scope: { file: 'src/shop/cart.py' } };
    const noFile = { ...f, fingerprint: '2'.repeat(40), scope: { nodeId: 'x' } };
    const outside = { ...f, fingerprint: '3'.repeat(40), scope: { file: '/abs/x.py', line: 3 } };
    const plan = buildPublishPlan(demoInput({ findings: [noLine, noFile, outside], tasks: [], attempts: [], accepted: [] }));
    expect(plan.checkRuns[0]!.annotations).toEqual([expect.objectContaining({ path: 'src/shop/cart.py', start_line: 1, end_line: 1, annotation_level: 'warning' })]);
  });
});

describe('buildPublishPlan: hostile test output', () => {
  const fp = 'e'.repeat(40);
  const forged = `<!-- atqos:finding=${'a'.repeat(40)} -->`;
  const evil = `${'`'.repeat(12)} --> ${forged} <!-- atqos:task=atqos/fix/0123456789ab --> \u001b[2J\u0000\u0007 ${'x'.repeat(100_000)}\n</details><script>alert(1)</script>`;
  const plan = buildPublishPlan(demoInput({ findings: [hostileFinding(evil, fp)], tasks: [], attempts: [], accepted: [] }));
  const issue = plan.issues[0]!;

  it('keeps every text within limits', () => {
    expect(roundTrip(plan)).toEqual(plan);
    expect(issue.body.length).toBeLessThanOrEqual(65_535);
    expect(issue.title.length).toBeLessThanOrEqual(256);
    expect(plan.checkRuns[0]!.annotations[0]!.message.length).toBeLessThanOrEqual(2_000);
  });

  it('cannot forge markers, hide text in comments, or leak control characters', () => {
    expect(parseMarkers(issue.body)).toEqual({ finding: fp, dashboard: false });
    expect(issue.body.split('<!--')).toHaveLength(2);
    for (const text of [issue.body, issue.title, plan.checkRuns[0]!.summary, plan.dashboard!.body]) {
      // eslint-disable-next-line no-control-regex -- asserting control characters are gone
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(parseMarkers(text).finding ?? fp).toBe(fp);
    }
  });

  it('fences the evidence so the backticks inside cannot close it', () => {
    expect(issue.body).toMatch(/^`{13}text$/m);
    expect(issue.body).not.toMatch(/^`{3,12}$/m);
    expect(issue.body).toContain('_✂️ Cut to fit GitHub\'s limits; the full report: https://github.com/acme/shop/actions/runs/42_');
  });

  it('encodes the permalink and drops source files outside the repo', () => {
    expect(issue.body).toContain(`https://github.com/acme/shop/blob/${BASE}/tests/dir%20with%20space/t%C3%ABst%231.py#L7`);
    expect(issue.body).toContain(`/blob/${BASE}/src/a%20b.py)`);
    expect(issue.body).not.toContain('passwd');
    expect(issue.body).not.toContain('outside.py');
  });
});

describe('buildPublishPlan: scale and determinism', () => {
  it('plans 10,000 findings quickly within every limit', () => {
    const started = performance.now();
    const plan = buildPublishPlan(demoInput({ findings: manyFindings(10_000), reportUrl: undefined }));
    expect(performance.now() - started).toBeLessThan(8_000);
    expect(PublishPlan.parse(plan).issues).toHaveLength(10_000);
    const check = plan.checkRuns[0]!;
    expect(check.annotations).toHaveLength(1_000);
    expect(check.annotations[0]).toMatchObject({ annotation_level: 'failure', path: 'pkg0/mod_0.py' });
    expect(check.summary).toContain('9000 more findings with a location not annotated');
    expect(check.summary).toContain('…and 4950 more in the full report.');
    expect(check.text!.length).toBeLessThanOrEqual(65_535);
    expect(plan.dashboard!.body).toContain('| **total** | 2500 | 2500 | 2500 | 2500 | 10000 |');
  });

  it('the same input in any order gives byte-identical JSON', () => {
    const input = demoInput({ findings: manyFindings(300) });
    const shuffled = { ...input, findings: [...input.findings].reverse(), tasks: [...input.tasks].reverse(), attempts: [...input.attempts].reverse() };
    expect(JSON.stringify(buildPublishPlan(shuffled))).toBe(JSON.stringify(buildPublishPlan(input)));
  });

  it('issues are ordered most severe first, then by fingerprint', () => {
    const plan = buildPublishPlan(demoInput({ findings: manyFindings(40), tasks: [], attempts: [], accepted: [] }));
    const keys = plan.issues.map((i) => `${['blocker', 'high', 'medium', 'low'].indexOf(i.severity)}:${i.fingerprint}`);
    expect(keys).toEqual([...keys].sort());
  });
});

describe('buildPublishPlan: diagnosis', () => {
  it("shows an agent's diagnosis on the finding's issue as unverified advice, its text fenced", () => {
    const [first, ...rest] = demoFindings();
    const diagnosis = { agent: 'claude-code', rootCause: 'the discount is subtracted, not applied as a percentage', confidence: 0.8, suggestedFix: 'multiply by (1 - p/100)' };
    const withDiagnosis = { ...first!, evidence: { ...first!.evidence, details: { diagnosis } } };
    const plan = buildPublishPlan(demoInput({ findings: [withDiagnosis, ...rest] }));
    const body = plan.issues.find((i) => i.fingerprint === first!.fingerprint)!.body;
    expect(body).toContain('### Diagnosis by `claude-code` (confidence 80%) — advice, not verified');
    expect(body).toMatch(/```[^\n]*\nLikely root cause: the discount is subtracted, not applied as a percentage\nSuggested fix: multiply by \(1 - p\/100\)\n```/);
    for (const other of plan.issues.filter((i) => i.fingerprint !== first!.fingerprint)) expect(other.body).not.toContain('### Diagnosis');
  });
});

describe('buildPublishPlan: bad input', () => {
  it('says what is wrong with the SHA, the URL and duplicate branches', () => {
    expect(thrownBy(() => buildPublishPlan(demoInput({ headSha: 'HEAD' })))).toMatchObject({ code: 'plan_bad_input', message: expect.stringContaining("head SHA 'HEAD'") });
    expect(thrownBy(() => buildPublishPlan(demoInput({ reportUrl: 'javascript:alert(1)' })))).toMatchObject({ code: 'plan_bad_input', message: expect.stringContaining('not an http(s) URL') });
    const input = demoInput();
    expect(() => buildPublishPlan({ ...input, accepted: [input.accepted[0]!, input.accepted[0]!] })).toThrow(AtqosError);
  });

  it('labels can be configured with placeholders', () => {
    const plan = buildPublishPlan(demoInput({ labels: { issue: ['qa', 'kind/{kind}', 'qa'] } }));
    expect(plan.issues[0]!.labels).toEqual(['qa', 'kind/test_failure']);
    expect(plan.pullRequests[0]!.labels).toEqual(['atqos', 'auto-fix', 'needs-review']);
  });
});
