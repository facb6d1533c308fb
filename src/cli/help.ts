export const MAIN_HELP = `atqos — Autonomous Test & Quality Orchestration System

Usage: atqos <command> [options]

Commands:
  diagnose                 Run the lane's tools on a repo and report every problem found
  run                      Diagnose, then have agents fix each task in its own git worktree, proven
                           by guards and validation, integrated and re-checked at a checkpoint
  resume RUN_ID            Continue a run that was killed, crashed or interrupted, from where it stopped
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

export const INGEST_HELP = `Usage: atqos ingest --format junit [--repo PATH] [--json] [-q] FILE...

Normalizes JUnit XML files produced elsewhere (pytest, jest-junit, Surefire, go-junit-report,
Playwright, behave, ...) into the same findings and reports as diagnose. The files are copied into
the run directory under raw/junit/. Paths in the reports are made relative to --repo.
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
