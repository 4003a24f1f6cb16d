import { format } from 'prettier';
import type { VendorTarget } from './config.js';
import { emitChecks } from './emit/checks.js';
import { emitExamples } from './emit/examples.js';
import { emitIndex } from './emit/index-file.js';
import { emitOperations } from './emit/operations.js';
import { emitSchemas } from './emit/schemas.js';
import { emitTypes } from './emit/types.js';
import { generatedHeader } from './header.js';
import { loadSpec } from './spec.js';

/** The generated files of one vendor, by file name, exactly as they should be on disk. */
export async function generateVendor(target: VendorTarget): Promise<Map<string, string>> {
  const { doc, sha256 } = loadSpec(target.specFile);
  const header = generatedHeader(target.specPath, sha256);
  const lint = '/* eslint-disable */\n// biome-ignore-all lint: generated code\n';
  const files: Array<[string, string]> = [
    ['types.ts', await emitTypes(doc)],
    ['schemas.ts', emitSchemas(doc, target.specPath)],
    ['checks.ts', emitChecks(doc, target.specPath)],
    ['operations.ts', emitOperations(doc, target.vendor)],
    ['examples.ts', emitExamples(doc)],
    ['index.ts', emitIndex(doc, target.vendor)],
  ];
  return new Map(await Promise.all(files.map(async ([name, code]): Promise<[string, string]> => [name, `${header}${lint}\n${await format(code, PRETTIER)}`])));
}

/** Fixed here, not read from a config file, so output never depends on the machine. */
const PRETTIER = { parser: 'typescript', printWidth: 120, singleQuote: true, trailingComma: 'all' } as const;
