/** `npm run spec-model:readme`: rewrites the extensions table of specs/README.md from the registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withExtensionsTable } from './readme.js';

const file = fileURLToPath(new URL('../../../specs/README.md', import.meta.url));
const before = readFileSync(file, 'utf8');
const after = withExtensionsTable(before);
if (after !== before) writeFileSync(file, after);
process.stdout.write(after === before ? 'specs/README.md: extensions table up to date\n' : 'specs/README.md: extensions table regenerated\n');
