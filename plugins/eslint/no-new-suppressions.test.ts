import { describe, expect, it } from 'vitest';
import type { GuardInput } from '../../src/guards/index.js';
import { noNewSuppressionsGuard } from './no-new-suppressions.js';

function input(before: string, after: string): GuardInput {
  return {
    task: { id: 't', runId: 'r', type: 'lint_fix', tool: 'eslint', title: 't', findings: ['f'], targets: { files: ['src/a.ts'], nodeIds: [] }, allowedPaths: ['src/a.ts'], validation: { commands: [], expect: 'exit-zero', repeat: 1 }, retryPolicy: { maxAttempts: 2 }, priority: 0, dependsOn: [], status: 'running' },
    changes: [{ path: 'src/a.ts', status: 'modified', insertions: 1, deletions: 1, binary: false }],
    readBase: () => before,
    readAfter: () => after,
    isTestFile: () => false,
    limits: { maxChangedLines: 100, maxChangedFiles: 10 },
  };
}

describe('no-new-eslint-suppressions guard', () => {
  it('rejects a new eslint-disable comment or inline rule config', () => {
    for (const added of ['// eslint-disable-next-line eqeqeq', '/* eslint-disable */', '/* eslint eqeqeq: "off" */', 'x == 1; // eslint-disable-line']) {
      const v = noNewSuppressionsGuard.check(input('let a = 1;\n', `${added}\nlet a = 1;\n`));
      expect(v.passed, added).toBe(false);
      expect(v.evidence).toContain('src/a.ts: 0 → 1');
    }
  });
  it('passes a real fix and an unchanged existing suppression', () => {
    const kept = '// eslint-disable-next-line no-console\nconsole.log(1);\n';
    expect(noNewSuppressionsGuard.check(input(`${kept}let a = 1;\n`, `${kept}const a = 1;\n`)).passed).toBe(true);
  });
});
