import path from 'node:path';
import { registry } from '../../../plugins/index.js';
import { parseCommandArgs } from '../args.js';
import { EXIT } from '../exit-codes.js';

const HELP = `Usage: atqos plugins [--repo PATH] [--json]

Lists every plugin: * marks those that detect themselves in the repo. A lane that names no plugins
runs the detected ones that join it (all lanes unless shown); ingest formats run only through
\`atqos ingest --format <id>\`.
`;

export async function pluginsCommand(argv: string[]): Promise<number> {
  const { values } = parseCommandArgs('plugins', argv, { repo: { type: 'string' }, json: { type: 'boolean' } });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT.green;
  }
  const repo = path.resolve(values.repo ?? process.cwd());
  const rows = [];
  for (const [id, p] of registry) {
    rows.push({ id, description: p.description, applies: await p.detect(repo), lanes: p.lanes ? [...p.lanes] : null, ingest: !!p.ingest });
  }
  if (values.json) process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
  else {
    for (const r of rows) {
      const where = r.ingest ? ' [atqos ingest]' : r.lanes ? ` [lanes: ${r.lanes.join(', ')}]` : '';
      process.stdout.write(`${r.applies ? '*' : ' '} ${r.id.padEnd(12)} ${r.description}${where}\n`);
    }
  }
  return EXIT.green;
}
