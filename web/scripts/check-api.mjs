// Fails when src/api/schema.d.ts is not what `npm run gen:api` makes of docs/openapi.json
// today, so the web app never compiles against stale API types. It runs the gen:api command
// itself, with only the output redirected, so the two cannot drift apart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const { scripts } = JSON.parse(readFileSync('package.json', 'utf8'));
const [command, ...args] = scripts['gen:api'].split(/\s+/);
const output = args.indexOf('-o') + 1;
if (output === 0) throw new Error('gen:api must name its output with -o.');
const committed = args[output];

const dir = mkdtempSync(join(tmpdir(), 'dayline-api-'));
try {
  const fresh = join(dir, 'schema.d.ts');
  args[output] = fresh;
  execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  let current = '';
  try {
    current = readFileSync(committed, 'utf8');
  } catch {
    // A missing file is reported as stale below.
  }
  if (readFileSync(fresh, 'utf8') !== current) {
    console.error(`${committed} is stale: it does not match what gen:api generates from the OpenAPI document.`);
    console.error('Run `npm run gen:api` and commit the result.');
    process.exitCode = 1;
  } else {
    console.log(`${committed} matches the OpenAPI document.`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
