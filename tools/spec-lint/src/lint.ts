import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import spectralCore, { type ISpectralDiagnostic } from '@stoplight/spectral-core';
import spectralParsers from '@stoplight/spectral-parsers';
import { parse } from 'yaml';
import type { ListedOperation } from './functions/listed-operations.js';
import { vendorContractsRuleset } from './ruleset.js';

// Both packages are CommonJS; their named exports are reached through the default export.
const { Document, Spectral } = spectralCore;
const { Yaml } = spectralParsers;

/** Spectral's severities, in its numbering. */
const SEVERITY = ['error', 'warning', 'info', 'hint'] as const;

export interface Finding {
  rule: string;
  severity: (typeof SEVERITY)[number];
  message: string;
  /** JSON path into the spec, `/`-joined (`paths/~1job/get/responses`). */
  path: string;
  /** 1-based line in the spec. */
  line: number;
}

interface OperationsFile {
  vendors?: Record<string, { operations?: ListedOperation[] } | undefined>;
}

/** The vendor's rows of specs/operations.yaml (none when the file or the vendor is missing). */
export function listedOperationsOf(operationsFile: string, vendor: string): ListedOperation[] {
  const parsed = parse(readFileSync(operationsFile, 'utf8')) as OperationsFile;
  return parsed?.vendors?.[vendor]?.operations ?? [];
}

export interface LintOptions {
  /** The vendor name used to look up specs/operations.yaml. */
  vendor: string;
  /** @default `<dir of spec>/../operations.yaml` */
  operationsFile?: string;
}

/** Lint one spec; findings are sorted by line. */
export async function lintSpec(specFile: string, options: LintOptions): Promise<Finding[]> {
  const operationsFile = options.operationsFile ?? join(specFile, '..', '..', 'operations.yaml');
  const spectral = new Spectral();
  spectral.setRuleset(vendorContractsRuleset(listedOperationsOf(operationsFile, options.vendor)));
  const document = new Document(readFileSync(specFile, 'utf8'), Yaml, specFile);
  const diagnostics: ISpectralDiagnostic[] = await spectral.run(document);
  return diagnostics
    .map((d) => ({
      rule: String(d.code),
      severity: SEVERITY[d.severity] ?? 'error',
      message: d.message,
      path: d.path.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/'),
      line: d.range.start.line + 1,
    }))
    .sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

/** `file:line severity rule message (at path)`, one line per finding. */
export function formatFindings(specFile: string, findings: Finding[], cwd = process.cwd()): string {
  return findings.map((f) => `${relative(cwd, specFile)}:${f.line} ${f.severity} ${f.rule} ${f.message}${f.path ? ` (at ${f.path})` : ''}`).join('\n');
}

/** Errors fail the lint; warnings, info and hints are printed. */
export function isFailing(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
