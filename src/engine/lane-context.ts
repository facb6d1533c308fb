import type { AtqosConfig } from '../config/index.js';
import type { LaneContext } from '../plugin/contract.js';

/** The lane as plugins see it; quarantined tests fail every lane but `pr` unless the lane says. */
export function laneContext(config: AtqosConfig, name: string): LaneContext {
  const lane = config.lanes[name];
  return {
    name,
    select: lane?.select,
    reruns: lane?.reruns,
    quarantinedFail: lane?.quarantinedFail ?? name !== 'pr',
    riskTiers: config.riskTiers,
  };
}
