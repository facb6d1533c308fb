import { describe, expect, it } from 'vitest';
import { Finding } from '../../core/index.js';
import { thrownBy } from '../../core/test-support.js';
import { buildPublishPlan } from '../build-plan.js';
import { acceptedFor, attemptFor, BASE, demoInput, demoRun, taskFor } from '../test-support.js';
import { parseMarkers, parseMeta } from './markers.js';

describe('pull requests', () => {
  const input = demoInput();
  const plan = buildPublishPlan(input);
  const [task] = input.tasks;

  it('one PR per accepted task only, on its branch, based on the run commit', () => {
    expect(plan.pullRequests).toHaveLength(1);
    expect(plan.pullRequests[0]).toMatchObject({
      taskId: task!.id, branch: task!.branch, base: 'main', baseSha: BASE, draft: false,
      title: `fix(atqos): ${task!.title}`, labels: ['atqos', 'auto-fix', 'needs-review'],
      fixes: task!.findings, commitMessage: input.accepted[0]!.commitMessage, files: input.accepted[0]!.files,
    });
  });

  it('the body has the metadata table, then the task marker and hidden JSON that parse back', () => {
    const { body } = plan.pullRequests[0]!;
    expect(body).toContain('| Attempts | 2 of 3 |');
    expect(body).toContain('| Agent | claude (claude-sonnet-4-5) |');
    expect(body).toContain('| Validation | passed 3× in a row (1 passed, 0 failed, 0 errors) |');
    expect(body).toContain('| Guards passed | allowed-paths, diff-size, no-test-deleted |');
    expect(body).toContain('| Cost | $0.25, 2400 input tokens, 680 output tokens (all attempts) |');
    expect(body).toContain(`\`${task!.findings[0]!.slice(0, 12)}\``);
    expect(body.indexOf('| Run |')).toBeLessThan(body.indexOf('<!-- atqos:task='));
    expect(parseMarkers(body)).toEqual({ task: task!.branch, dashboard: false });
    expect(parseMeta(body)).toEqual({
      schema: 'atqos/pr-meta@1', runId: demoRun().id, taskId: task!.id, type: 'fix', branch: task!.branch, commit: input.accepted[0]!.commit,
      findings: task!.findings, findingsTotal: 1, agent: 'claude', model: 'claude-sonnet-4-5', attempts: { n: 2, max: 3 },
      validation: { commands: [`python3 -m pytest ${task!.targets.nodeIds[0]} -k 'not slow or "quoted"'`], repeat: 3, passed: true, counts: { total: 1, passed: 1, failed: 0, errors: 0 } },
      guardsPassed: ['allowed-paths', 'diff-size', 'no-test-deleted'], diffStat: { files: 1, insertions: 4, deletions: 2 },
      cost: { usd: 0.25, inputTokens: 2400, outputTokens: 680 },
    });
  });

  it('a quarantine PR refers to its finding\'s issue without closing it, and says it is no fix', () => {
    const [f] = input.findings as [Finding];
    const q = { ...taskFor(f), type: 'quarantine' as const, branch: `atqos/quarantine/${f.fingerprint.slice(0, 12)}` };
    const pr = buildPublishPlan({ ...input, tasks: [q], attempts: [attemptFor(q, 1, 'accepted')], accepted: [acceptedFor(q)] }).pullRequests[0]!;
    expect(pr).toMatchObject({ fixes: [], refs: q.findings });
    expect(pr.body).toContain('This does not fix them: the PR refers to the finding\'s issue rather than closing it');
    expect(pr.body).not.toContain('ATQOS fixed');
    expect(plan.pullRequests[0]!.refs).toEqual([]);
  });

  it('says "not reported" when no attempt reported a cost', () => {
    const attempts = input.attempts.map((a) => ({ ...a, cost: {} }));
    expect(buildPublishPlan({ ...input, attempts }).pullRequests[0]!.body).toContain('| Cost | not reported |');
  });

  it('refuses a fix whose task has no accepted attempt, is unknown, or failed validation', () => {
    const rejectedOnly = input.attempts.map((a) => (a.outcome === 'accepted' ? { ...a, outcome: 'rejected' as const } : a));
    expect(thrownBy(() => buildPublishPlan({ ...input, attempts: rejectedOnly }))).toMatchObject({ code: 'plan_unaccepted_task', message: expect.stringContaining('has no accepted attempt') });
    expect(thrownBy(() => buildPublishPlan({ ...input, tasks: input.tasks.slice(1) })).message).toContain('is not among the run\'s tasks');
    const failed = { ...input.accepted[0]!, validation: { ...input.accepted[0]!.validation, result: { ...input.accepted[0]!.validation.result, ok: false } } };
    expect(thrownBy(() => buildPublishPlan({ ...input, accepted: [failed] })).message).toContain('did not pass its validation');
  });

  it('keeps the marker and hidden JSON intact when a task is huge', () => {
    const [f] = input.findings as [Finding];
    const fps = Array.from({ length: 5_000 }, (_, i) => i.toString(16).padStart(40, 'a'));
    const big = { ...taskFor(f), title: `--> ${'t'.repeat(100_000)}`, findings: fps };
    const plan = buildPublishPlan({ ...input, tasks: [big], attempts: [attemptFor(big, 1, 'accepted')], accepted: [acceptedFor(big)] });
    const pr = plan.pullRequests[0]!;
    expect(pr.body.length).toBeLessThanOrEqual(65_535);
    expect(pr.title).toHaveLength(256);
    expect(pr.fixes).toHaveLength(5_000);
    expect(parseMarkers(pr.body).task).toBe(big.branch);
    expect(parseMeta(pr.body)).toMatchObject({ findingsTotal: 5_000, findings: fps.slice(0, 200) });
  });
});

describe('a pull request that deletes a test', () => {
  const input = demoInput();
  const finding = Finding.parse({
    tool: 'skip-audit', kind: 'obsolete_test', severity: 'low', category: 'skip',
    scope: { file: 'tests/test_refunds.py', nodeId: 'tests/test_refunds.py::test_refund_amount', line: 6 },
    fingerprint: 'd'.repeat(64),
    title: 'tests/test_refunds.py::test_refund_amount was quarantined 2107 days ago (2020-03-01) and is still obsolete: delete it',
    message: 'tests/test_refunds.py::test_refund_amount carries an ATQOS quarantine marker since 2020-03-01 (commit 0123456789ab, 2107 days), and it still imports Refund from shop.orders: src/shop/orders.py does not define it.',
    evidence: {
      sourceFiles: ['tests/test_refunds.py'],
      details: {
        quarantinedSince: '2020-03-01', quarantineAgeDays: 2107, quarantineCommit: '0123456789abcdef0123456789abcdef01234567',
        markerReason: 'quarantined by ATQOS: obsolete test: imports Refund from shop.orders, which no longer defines it',
        stillObsolete: 'it still imports Refund from shop.orders: src/shop/orders.py does not define it', due: true, tests: ['tests/test_refunds.py::test_refund_amount'],
      },
    },
  });
  const task = { ...taskFor(finding), type: 'delete_test' as const, tool: 'skip-audit', title: 'Delete obsolete test tests/test_refunds.py::test_refund_amount', branch: `atqos/delete_test/${'d'.repeat(12)}` };
  const plan = buildPublishPlan({ ...input, findings: [...input.findings, finding], tasks: [task], attempts: [attemptFor(task, 1, 'accepted')], accepted: [acceptedFor(task)] });
  const pr = plan.pullRequests[0]!;

  it('says so in its title and is labelled for review', () => {
    expect(pr.title).toBe('test(atqos): Deletes obsolete test tests/test_refunds.py::test_refund_amount');
    expect(pr.labels).toEqual(['atqos', 'auto-fix', 'needs-review', 'atqos:deletes-test']);
    expect(pr.branch).toBe(`atqos/delete_test/${'d'.repeat(12)}`);
  });

  it('opens its body with why the test goes, when it was quarantined and the evidence', () => {
    expect(pr.body.startsWith('**This pull request deletes a test.** ATQOS quarantined it long ago and it is still obsolete.')).toBe(true);
    expect(pr.body).toContain('### Deletes obsolete test `tests/test_refunds.py::test_refund_amount`');
    expect(pr.body).toContain('- **Why:** it still imports Refund from shop.orders: src/shop/orders.py does not define it');
    expect(pr.body).toContain('- **Quarantined:** since 2020-03-01 (2107 days, commit `0123456789ab`), marker reason `quarantined by ATQOS: obsolete test: imports Refund from shop.orders, which no longer defines it`');
    expect(pr.body).toContain('- **Evidence:** tests/test_refunds.py::test_refund_amount carries an ATQOS quarantine marker since 2020-03-01');
    expect(parseMeta(pr.body)).toMatchObject({ type: 'delete_test', taskId: task.id });
  });

  it('other task types keep their fix title and labels', () => {
    expect(buildPublishPlan(input).pullRequests[0]!.labels).not.toContain('atqos:deletes-test');
  });
});
