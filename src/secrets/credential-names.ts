/** A value ATQOS knows to be secret, and the name it is redacted as. */
export interface KnownSecret {
  name: string;
  value: string;
}

/** Shorter values are too likely to occur by chance (`true`, a port, a word) to be redacted. */
export const MIN_SECRET_LENGTH = 8;

// Narrower than the runner's SECRET_NAME (src/runner/env.ts), which also blocks whole prefixes
// (AWS_*, GH_*, ACTIONS_*) from passing to tools: for redaction those would turn AWS_REGION's
// `us-east-1` or GH_HOST's `github.com` into markers all over the reports.
const CREDENTIAL_NAME =
  /TOKEN|SECRET|PASSW(OR)?D|CREDENTIAL|PRIVATE|(^|_)(API_?|ACCESS_?)?KEY($|_)|(^|_)PAT$|^GITHUB_TOKEN$|^(ANTHROPIC|OPENAI|CODEX|CURSOR)_API_KEY$/i;

/** Whether an environment variable's name says it holds a credential (`*_TOKEN`, `*_KEY`, `*SECRET*`…). */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name);
}

/** Every credential-named variable of `env` whose value is long enough to redact safely. */
export function secretsFromEnv(env: NodeJS.ProcessEnv): KnownSecret[] {
  const found: KnownSecret[] = [];
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !isCredentialName(name)) continue;
    const trimmed = value.trim();
    if (trimmed.length >= MIN_SECRET_LENGTH) found.push({ name, value: trimmed });
  }
  return found;
}
