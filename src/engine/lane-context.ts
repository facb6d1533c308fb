import type { AtqosConfig } from '../config/index.js';
import type { LaneContext } from '../plugin/contract.js';

/** The lane as plugins see it: its selection, reruns and the repo's risk tiers. */
export function laneContext(config: AtqosConfig, name: string): LaneContext {
  const lane = config.lanes[name];
  return {
    name,
    select: lane?.select,
    reruns: lane?.reruns,
    riskTiers: config.riskTiers,
  };
}
