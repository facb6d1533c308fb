export const MAIN_HELP = `atqos — Autonomous Test & Quality Orchestration System

Usage: atqos <command> [options]

Commands:
  diagnose                 Run the lane's tools on a repo and report every problem found
  run                      Diagnose, then have agents fix each task in its own git worktree, proven
                           by guards and validation, integrated and re-checked at a checkpoint
  resume RUN_ID            Continue a run that was killed, crashed or interrupted, from where it stopped
  plan --matrix --out DIR   Diagnose and plan like \`run\`, then write a plan artifact and a GitHub
                           Actions job matrix of the tasks (scale-out)
  attempt --plan DIR --task ID...
                           Attempt some of a plan's tasks on this checkout (one matrix job)
  integrate --plan DIR --attempts DIR...
                           Merge the attempt artifacts into the plan's run: store, events, branches,
                           checkpoint, reports, publish plan
  ingest --format junit F  Normalize test reports produced elsewhere (same findings and reports)
  publish RUN_ID --github OWNER/REPO
                           Write the run's publish plan and carry it out on GitHub (check run,
                           issues, fix pull requests, dashboard); --dry-run only shows it
  runs list                List recorded runs, newest first
  runs show ID             Show one run (an id prefix is enough)
  plugins                  List plugins and which apply to the repo
  agents                   List agent adapters, which run on this machine (with versions), and
                           which agent each task type routes to
  config schema            Print the JSON Schema of .github/atqos.yml
  config show              Print the resolved configuration

Common options:
  --repo PATH    Target repository (default: current directory)
  --config PATH  Config file relative to the repo (default: .github/atqos.yml)
  --json         Machine-readable output on stdout; progress stays on stderr
  -q, --quiet    No progress on stderr
  -h, --help     Help for a command

Exit codes: 0 green, 1 problems found, 2 could not diagnose reliably, 3 usage or config error,
70 internal error, 130 interrupted.
`;

export const DIAGNOSE_HELP = `Usage: atqos diagnose [--repo PATH] [--lane NAME] [--changed-since REF] [--config PATH] [--json] [-q]

Runs the lane's plugins (default lane from config, else "nightly"; plugins detected when the lane
lists none and that join the lane by themselves — coverage, skip-audit and flaky join weekly and
release), normalizes their output into fingerprinted findings, plans tasks, and writes the run
directory .atqos/runs/<run-id>/ in the repo (kept out of git by .atqos/.gitignore).

Lanes: pr (impacted tests), health (risk tiers P0+P1), nightly (full suite), weekly (coverage
gaps, skip audit, flaky reruns), release (everything); each is configurable in .github/atqos.yml.
--changed-since REF gives plugins the files changed since REF (committed, staged, unstaged and
untracked), for test impact selection in lanes with \`select.impacted\`.
`;

export const INGEST_HELP = `Usage: atqos ingest --format junit|cobertura|lcov|ctrf [--repo PATH] [--config PATH] [--json] [-q] FILE...

Normalizes reports produced elsewhere into the same findings and reports as diagnose. The files
are copied into the run directory under raw/<format>/; paths in them are made relative to --repo.

  junit      JUnit XML (pytest, jest-junit, Surefire, go-junit-report, Playwright, behave, ...)
  ctrf       CTRF JSON test reports (jest, vitest, playwright, cypress, ATQOS's own ctrf.json)
  cobertura  Cobertura XML coverage (coverage.py, pytest-cov, Cobertura, istanbul, ...)
  lcov       LCOV tracefiles (coverage.py, c8, nyc, lcov, ...)

Coverage reports hold no test results: they give coverage gaps and
reports/coverage-gap-summary.json, never a green run on their own. Several files of one format
are merged (CI shards). A directory argument is read for its .xml files.

Exit codes: 0 green, 1 problems found, 2 could not diagnose reliably (also: a coverage report
alone with no gap), 3 usage or config error.
`;

export const RUNS_HELP = `Usage: atqos runs list [--repo PATH] [--limit N] [--json]
       atqos runs show ID [--repo PATH] [--json]
`;

export const RUN_HELP = `Usage: atqos run [--repo PATH] [--lane NAME] [--changed-since REF] [--config PATH] [--json] [-q]

Diagnoses like \`atqos diagnose\`, then attempts each planned task with the agent configured for its
type (agents.byTaskType, agents.default; default: builtin) in its own git worktree from HEAD.
An attempt is accepted only if its diff passes every guard and the task's validation passes
remediation.validationRepeat times in a row; accepted fixes are committed on atqos/<type>/<fp12>
branches with ATQOS trailers, integrated on atqos/integration/<run-id> and re-checked there.
The user's working tree and index are never touched. Needs a git repository with a commit.

Exit codes: 0 nothing left failing at the checkpoint, 1 problems remain, 2 could not diagnose
reliably, 3 usage or config error, 70 internal error, 130 interrupted.
`;

export const RESUME_HELP = `Usage: atqos resume RUN_ID [--repo PATH] [--json] [-q]

Continues a \`diagnose\` or \`run\` that stopped before it finished (kill -9, a crash, Ctrl-C, a lost
runner) in its own run directory, with the config it started with (config.resolved.json).
Attempts that finished are never redone and keep their number; an attempt the stop cut short is
recorded as interrupted and tried again without counting as a retry; a fix that was already
committed to its task branch is kept, never committed twice. Processes the stopped run left in its
worktrees are killed and the worktrees removed first. A run id prefix is enough.

Exit codes: as for the command that started the run; 3 when the run is unknown, still running or
already finished.
`;

export const PUBLISH_HELP = `Usage: atqos publish RUN_ID --github OWNER/REPO [--repo PATH] [--head-sha SHA] [--base BRANCH]
                     [--report-url URL] [--api-url URL] [--dry-run] [--json] [-q]

Writes .atqos/runs/<run-id>/publish-plan.json for a finished run (its findings, its validated fixes
from the atqos/* task branches, the issues to close for findings gone since the lane's previous
trustworthy run) and makes GitHub match it: a check run on the head SHA, one issue per finding,
one pull request per validated fix, the dashboard issue. Publishing twice changes nothing.

  --github OWNER/REPO  The GitHub repository (required)
  --head-sha SHA       Commit the check run is attached to (default: the commit the run tested)
  --base BRANCH        Branch fix pull requests target (default: origin's default branch, else
                       the current branch)
  --report-url URL     Link to the full report (e.g. the workflow run's artifact page)
  --api-url URL        REST API root for GitHub Enterprise Server (default: GITHUB_API_URL, else
                       https://api.github.com)
  --dry-run            Change nothing. With a token, GitHub is read to show what would change;
                       without one, the plan is summarized and no API call is made

The token comes from ATQOS_GITHUB_TOKEN, else GITHUB_TOKEN; it needs checks, issues, contents and
pull requests write access.

Exit codes: 0 published (or dry run), 1 some objects could not be published, 3 usage error (no
token, bad OWNER/REPO, unknown run), 70 internal error.
`;

export const AGENTS_HELP = `Usage: atqos agents [--repo PATH] [--config PATH] [--json]

Lists every agent adapter and whether it can run here: builtin always; command when
agents.command.argv[0] resolves to an executable; claude-code, codex and cursor-agent when their
\`bin\` is found (on PATH or as a path) and answers \`--version\` within 5 s (run with the tool
environment allowlist and no API key). Then the route of every task type (agents.byTaskType, else
agents.default, then agents.fallback in order) and every configured agent that cannot run.

Exit codes: 0 every agent the config routes to is available, 1 some are not (or agents.byTaskType
names an unknown task type), 3 usage or config error.
`;

export const PLAN_HELP = `Usage: atqos plan --matrix [--repo PATH] [--lane NAME] [--config PATH] [--changed-since REF]
                  [--out DIR] [--max-jobs N] [--tasks-per-job K] [--single-below N]
                  [--github OWNER/REPO] [--base BRANCH] [--head-sha SHA] [--report-url URL] [--json] [-q]

Scale-out for GitHub Actions (plan → attempt matrix → integrate). Diagnoses and plans exactly like
\`atqos run\`, records the run, then writes the plan artifact DIR (default ./atqos-plan, must be new
or empty): plan.json (run id, lane, base SHA, config, plugins, tasks, findings), matrix.json, the
run directory under run/, and manifest.json with every file's sha256.

matrix.json is \`{"include": [{"job": "1", "tasks": "t-… t-…"}, …]}\` for
\`strategy.matrix: \${{ fromJSON(…) }}\`: at most --max-jobs jobs (default 16, at most 256, GitHub's
limit), at most --tasks-per-job tasks each (default: spread evenly), in plan order; tasks linked by
dependsOn (a systemic task and those it blocks) always share a job. Only the first
remediation.maxTasks tasks get a job.

--single-below N: when fewer than N tasks would get a job, this job finishes the run itself (one
\`atqos attempt\` of every task, then \`atqos integrate\`, in this checkout: the run directory
\`atqos run\` would leave, with publish-plan.json when --github or $GITHUB_REPOSITORY names the
repository) and the matrix is empty. Default 0: always fan out.

--json prints one object: runId, baseSha, lane, planDir, tasks, attemptable, matrix (what to fan
out: matrix.json, or empty when the run finished here), jobs (its length), and local (null, or the
finished run as \`atqos integrate --json\` prints it, with exitCode and publishPlan).

Exit codes: 0 plan artifact written (whatever was found), 2/70/130 as for \`atqos run\` when the
diagnosis itself did not finish (no artifact), 3 usage or config error. With the run finished here
(--single-below): the exit code of \`atqos integrate\`.
`;

export const ATTEMPT_HELP = `Usage: atqos attempt --plan DIR --task ID... [--out DIR] [--repo PATH] [--json] [-q]

One matrix job: attempts the named tasks of a plan artifact on this checkout, which must be at the
plan's base SHA, with the same loop as \`atqos run\` (worktrees, agents, guards, validation, retries,
fallback) and no shared database. --task takes one id, several space-separated ids (a matrix
entry as is), or is repeated. Writes the attempt artifact DIR (default .atqos/attempts/<hash>):
attempt.json (attempts, guard verdicts, validation, cost, task outcomes, events),
tasks/<task>/attempt-<n>/, branches.bundle (the validated task branches) and manifest.json, last.
Budgets (remediation.*) apply per job.

Exit codes: 0 artifact written (whatever the outcomes), 130 interrupted (artifact written, its
unfinished tasks stay queued), 3 usage error (unknown task, HEAD is not the plan's base), 70 internal.
`;

export const INTEGRATE_HELP = `Usage: atqos integrate --plan DIR --attempts DIR... [--repo PATH] [--expect-all]
                       [--github OWNER/REPO] [--base BRANCH] [--head-sha SHA] [--report-url URL] [--json] [-q]

Merges a plan and its matrix jobs' attempt artifacts into one run in
.atqos/runs/<plan run id>/ (rebuilt from the plan each time: integrating twice gives the same
result): every artifact is checked (checksums, schema, plan run id, base, tasks, bundle); the
validated task branches are fetched from the bundles; each task's attempts and events are added in
task order; the branches are integrated on atqos/integration/<run id> and re-checked at a
checkpoint; the reports are written as by \`atqos run\`. With --github (default
$GITHUB_REPOSITORY) publish-plan.json is written too, as the Action does.

Nothing is dropped silently: a planned task no usable artifact holds is reported and recorded as
not attempted, and so is a task an interrupted job (cancelled or timed out: attempt.json says
interrupted) did not finish, naming the interruption; an artifact that fails its checks is
reported and ignored; a task in two artifacts is taken from a job that ran to its end over an
interrupted one, then from the one where it succeeded, then the lowest artifact name, and reported.

Exit codes: as \`atqos run\` (0 nothing left failing, 1 problems remain, 2 could not diagnose
reliably); at least 1 when a task was not attempted, 2 then with --expect-all; 3 usage error.
`;
