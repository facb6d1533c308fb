import path from 'node:path';
import { loadConfig } from '../../config/index.js';
import { missingAgents, probeAgents, routeTaskTypes, unknownTaskTypes } from '../../agents/index.js';
import type { AgentAvailability, MissingAgent, Route } from '../../agents/index.js';
import { buildToolEnv } from '../../runner/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { AGENTS_HELP } from '../help.js';

interface AgentsReport {
  agents: AgentAvailability[];
  routing: Route[];
  missing: MissingAgent[];
  unknownTaskTypes: string[];
}

/** `atqos agents`: which adapters can run here, their versions, and where each task type goes. */
export async function agentsCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('agents', argv, { repo: { type: 'string' }, config: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(AGENTS_HELP);
    return EXIT.green;
  }
  const repo = path.resolve(values.repo ?? process.cwd());
  const { config } = loadConfig(repo, values.config);
  // No agent key in the probe's environment: printing a version needs none.
  const agents = await probeAgents(config.agents, { repoDir: repo, env: buildToolEnv(process.env) });
  const report: AgentsReport = {
    agents,
    routing: routeTaskTypes(config.agents),
    missing: missingAgents(config.agents, new Map(agents.map((a) => [a.id, a]))),
    unknownTaskTypes: unknownTaskTypes(config.agents),
  };
  process.stdout.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : textReport(report));
  return report.missing.length || report.unknownTaskTypes.length ? EXIT.red : EXIT.green;
}

function textReport(r: AgentsReport): string {
  const lines = ['Agents:'];
  for (const a of r.agents) lines.push(`  ${a.available ? '*' : ' '} ${a.id.padEnd(13)} ${a.detail}${a.bin && a.available ? `  (${a.bin})` : ''}`);
  lines.push('', 'Routing (task type → agent, then fallback):');
  for (const route of r.routing) {
    const chain = [route.agent, ...route.fallback].join(' → ');
    lines.push(`  ${route.taskType.padEnd(12)} ${chain}${route.source === 'default' ? '  (agents.default)' : ''}`);
  }
  if (r.missing.length) {
    lines.push('', 'Configured but not available:');
    for (const m of r.missing) lines.push(`  ${m.agent} (${m.usedBy.join(', ')}): ${m.reason}`);
  }
  if (r.unknownTaskTypes.length) {
    lines.push('', `agents.byTaskType names unknown task types (no task will use them): ${r.unknownTaskTypes.join(', ')}`);
  }
  return `${lines.join('\n')}\n`;
}
