/**
 * The first schema. Child tables reference `runs` so a run's rows cannot outlive it; the columns
 * beside each `json` blob are the ones queries filter on, the blob is the full zod-checked object.
 */
export const initialSchema = `
CREATE TABLE runs (
  id            TEXT PRIMARY KEY,
  repo          TEXT NOT NULL,
  lane          TEXT NOT NULL,
  command       TEXT NOT NULL,
  status        TEXT NOT NULL,
  conclusion    TEXT,
  started_at    TEXT NOT NULL,
  finished_at   TEXT,
  base_sha      TEXT,
  counts_json   TEXT,
  finding_count INTEGER NOT NULL DEFAULT 0,
  error         TEXT
) STRICT;
CREATE INDEX runs_started_at ON runs (started_at);
CREATE INDEX runs_status ON runs (status);

CREATE TABLE findings (
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  fingerprint TEXT NOT NULL,
  tool        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  severity    TEXT NOT NULL,
  category    TEXT NOT NULL,
  file        TEXT,
  node_id     TEXT,
  title       TEXT NOT NULL,
  json        TEXT NOT NULL,
  PRIMARY KEY (run_id, fingerprint)
) STRICT;
CREATE INDEX findings_fingerprint ON findings (fingerprint);

CREATE TABLE tasks (
  id       TEXT PRIMARY KEY,
  run_id   TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  type     TEXT NOT NULL,
  tool     TEXT NOT NULL,
  status   TEXT NOT NULL,
  priority INTEGER NOT NULL,
  branch   TEXT,
  json     TEXT NOT NULL
) STRICT;
CREATE INDEX tasks_run ON tasks (run_id, priority);

CREATE TABLE attempts (
  id      TEXT PRIMARY KEY,
  task_id TEXT NOT NULL REFERENCES tasks (id) ON DELETE CASCADE,
  run_id  TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  n       INTEGER NOT NULL,
  agent   TEXT NOT NULL,
  outcome TEXT,
  json    TEXT NOT NULL
) STRICT;
CREATE INDEX attempts_task ON attempts (task_id, n);
CREATE INDEX attempts_run ON attempts (run_id);

CREATE TABLE artifacts (
  run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  path   TEXT NOT NULL,
  kind   TEXT NOT NULL,
  bytes  INTEGER NOT NULL,
  sha256 TEXT,
  PRIMARY KEY (run_id, path)
) STRICT;

CREATE TABLE events (
  run_id    TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq       INTEGER NOT NULL,
  ts        TEXT NOT NULL,
  type      TEXT NOT NULL,
  data_json TEXT NOT NULL,
  PRIMARY KEY (run_id, seq)
) STRICT;

CREATE TABLE test_results (
  run_id      TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  tool        TEXT NOT NULL,
  node_id     TEXT NOT NULL,
  file        TEXT,
  outcome     TEXT NOT NULL,
  duration_ms REAL NOT NULL,
  PRIMARY KEY (run_id, tool, node_id)
) STRICT;
CREATE INDEX test_results_history ON test_results (tool, node_id);
`;
