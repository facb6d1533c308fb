import { hash } from 'node:crypto';

/**
 * Exactly `fingerprint` from src/core (same parts encoding, same digest), hashed in one call:
 * a `createHash` object per finding cost more than the rest of the fingerprint on reports with
 * tens of thousands of failures. `fingerprint.test.ts` holds the two to the same output.
 */
export function fastFingerprint(parts: readonly (string | undefined)[]): string {
  let data = '';
  for (const p of parts) {
    const s = p ?? '';
    data += `${s.length}:${s}\u0000`;
  }
  return hash('sha256', data, 'hex').slice(0, 40);
}
