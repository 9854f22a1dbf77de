// `npm run bench`: every capability's figures, each against a baseline measured in the same
// run where the issue asks for a ratio. Results also go to bench/results/latest.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { reportLatency } from './report-latency';
import { reportThroughput } from './report-throughput';
import { townBench } from './town';
import { intakeBench } from './intake';
import { dispatchBench } from './dispatch';
import { dedupeBench } from './dedupe';
import { backOnlineBench, resilienceBench } from './resilience';
import { analysisBench } from './analysis';
import { wallBench } from './wall';
import { queueBench } from './queue';
import { requestsBench } from './requests';
import { attackBench } from './attack';
import { crashBench } from './crash';

import type { BenchResult } from './support/result';

const BENCHES: Record<string, () => Promise<BenchResult>> = {
  'report-latency': () => reportLatency(),
  'report-throughput': () => reportThroughput(),
  town: () => townBench(),
  dispatch: () => dispatchBench(),
  dedupe: () => dedupeBench(),
  resilience: () => resilienceBench(),
  'back-online': () => backOnlineBench(),
  intake: () => intakeBench(),
  analysis: () => analysisBench(),
  wall: () => wallBench(),
  queue: () => queueBench(),
  requests: () => requestsBench(),
  attack: () => attackBench(),
  crash: () => crashBench(),
};

const only = process.argv.slice(2);
const results: Array<BenchResult & { id: string }> = [];
for (const [id, bench] of Object.entries(BENCHES)) {
  if (only.length && !only.includes(id)) continue;
  process.stdout.write(`\n▶ ${id} …\n`);
  const result = await bench();
  results.push({ id, ...result });
  console.log(`  ${result.name}`);
  for (const [key, value] of Object.entries(result.figures)) console.log(`    ${key.padEnd(40)} ${value}`);
  console.log(`    target: ${result.target} → ${result.pass ? 'MET' : 'NOT MET'}`);
}
const dir = join(process.cwd(), 'bench', 'results');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'latest.json'), JSON.stringify({ at: new Date().toISOString(), results }, null, 2));
