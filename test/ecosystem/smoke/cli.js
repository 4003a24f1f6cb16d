// Entry for the runtimes with a command line (Node, Bun, Deno): `<runtime> cli.js <mockUrl>`
// prints the results as one JSON line.
import { runSmoke } from './smoke.js';

const args = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
console.log(JSON.stringify(await runSmoke(args[0])));
