import { AtqosError } from '../core/index.js';
import type { Guard } from './contract.js';
import { allowedPathsGuard } from './allowed-paths.js';
import { deletionOnlyGuard } from './deletion-only.js';
import { diffSizeGuard } from './diff-size.js';
import { inventoryNotShrunkGuard } from './inventory-not-shrunk.js';
import { noTestDeletedGuard } from './no-test-deleted.js';
import { noSecretsInDiffGuard } from './no-secrets-in-diff.js';
import { GENERIC_PROTECTED_PATHS, protectedPathsGuard, type ProtectedPath } from './protected-paths.js';

export interface BuildGuardsInput {
  /** The owning plugin's tool-specific guards. */
  pluginGuards: readonly Guard[];
  /** The owning plugin's protected files, added to the generic list. */
  pluginProtected: readonly ProtectedPath[];
}

/** The guards for one plugin's tasks: the generic ones of DESIGN §8, then the plugin's own. */
export function buildGuards(input: BuildGuardsInput): Guard[] {
  const guards = [
    allowedPathsGuard,
    protectedPathsGuard([...GENERIC_PROTECTED_PATHS, ...input.pluginProtected]),
    noTestDeletedGuard,
    inventoryNotShrunkGuard,
    deletionOnlyGuard,
    diffSizeGuard,
    noSecretsInDiffGuard,
    ...input.pluginGuards,
  ];
  const seen = new Set<string>();
  for (const g of guards) {
    // Verdicts are stored and reported by guard id; two guards sharing one would hide a failure.
    if (seen.has(g.id)) throw new AtqosError('guards.duplicate-id', `two guards share the id "${g.id}"`, { hint: 'give the plugin guard its own id' });
    seen.add(g.id);
  }
  return guards;
}
