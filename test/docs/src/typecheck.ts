/**
 * Type-checks example files with the TypeScript compiler API, as strict modules under the
 * workspace's own compiler options (`tsconfig.base.json`: strict, NodeNext, the
 * `@vendor-contracts/source` condition), in one program so the packages are checked once.
 */
import { join } from 'node:path';
import { workspaceRoot } from '@vendor-contracts/contract-tests/workspace';
import ts from 'typescript';

export interface TypeDiagnostic {
  file: string;
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export function compilerOptions(): ts.CompilerOptions {
  const root = workspaceRoot();
  const configFile = join(root, 'tsconfig.base.json');
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  // Every example is a module (top-level await, its own scope), even one without import/export.
  return { ...parsed.options, noEmit: true, moduleDetection: ts.ModuleDetectionKind.Force };
}

/** The type errors in `files` (only theirs, not the packages'), in file order. */
export function typecheck(files: readonly string[]): TypeDiagnostic[] {
  const program = ts.createProgram({ rootNames: files, options: compilerOptions() });
  const wanted = new Set(files.map((f) => ts.sys.resolvePath(f)));
  const diagnostics = ts.getPreEmitDiagnostics(program);
  const errors: TypeDiagnostic[] = [];
  for (const d of diagnostics) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
    if (!d.file) {
      errors.push({ file: '(program)', line: 0, message }); // an options problem fails every example
      continue;
    }
    if (!wanted.has(ts.sys.resolvePath(d.file.fileName))) continue;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start ?? 0);
    errors.push({ file: d.file.fileName, line: line + 1, message: `TS${d.code}: ${message}` });
  }
  return errors;
}
