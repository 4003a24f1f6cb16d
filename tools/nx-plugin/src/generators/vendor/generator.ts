/**
 * `nx g @vendor-contracts/nx-plugin:vendor <name> [--spec path]` (or `npm run new-vendor -- <name>`):
 * scaffold packages/<name> from specs/<name>/openapi.yaml in the shape every vendor package has —
 * package.json, tsconfigs, vitest config, src/client.ts (create<Name>Client and its types),
 * src/index.ts (re-exports only: generated/index.ts, written by codegen, and client.ts),
 * src/schemas.ts, README.md with a runnable example, a smoke test — add its row to the README's
 * package table, then run codegen. The plugin infers its targets from the spec. The package gets
 * the root's LICENSE and, from the root manifest, `repository` (with its directory), `homepage`
 * and `bugs`, which the publish rehearsal checks on every tarball.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateFiles, names, readJson, type Tree, updateJson } from '@nx/devkit';
import { parse } from 'yaml';

export interface VendorGeneratorSchema {
  /** kebab-case folder name: specs/<name>, packages/<name>. */
  name: string;
  /** A spec to copy into specs/<name>/openapi.yaml. @default undefined (the file must exist) */
  spec?: string;
  /** @default false */
  skipCodegen?: boolean;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const README = 'README.md';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface SpecFacts {
  title: string;
  summary: string;
  schemes: string[];
  environments: string[];
  operationIds: string[];
}

function specFacts(text: string, specPath: string): SpecFacts {
  const spec = parse(text) as {
    info?: { title?: string; description?: string };
    servers?: { 'x-environment'?: string }[];
    components?: { securitySchemes?: Record<string, unknown> };
    paths?: Record<string, Record<string, { operationId?: string }>>;
  } | null;
  const title = spec?.info?.title;
  if (!title) throw new Error(`vendor generator: ${specPath} has no info.title (the package description and README row use it)`);
  const operationIds = Object.values(spec.paths ?? {}).flatMap((item) => METHODS.flatMap((m) => (item?.[m]?.operationId ? [item[m].operationId] : [])));
  if (operationIds.length === 0) throw new Error(`vendor generator: ${specPath} has no operations with an operationId`);
  const firstSentence =
    (spec.info?.description ?? '')
      .split(/(?<=\.)\s/)[0]
      ?.trim()
      .replace(/\s+/g, ' ') ?? '';
  return {
    title,
    summary: firstSentence ? `${title}: ${firstSentence.replace(/\.$/, '')}` : title,
    schemes: Object.keys(spec.components?.securitySchemes ?? {}),
    environments: (spec.servers ?? []).map((s, i) => s['x-environment'] ?? `server${i}`),
    operationIds: operationIds.sort(),
  };
}

/** Add `| @vendor-contracts/<name> | summary |` after the README package table's last vendor row. */
export function addReadmeRow(readme: string, name: string, summary: string): string {
  const row = `| \`@vendor-contracts/${name}\` | ${summary.replaceAll('|', '\\|')} |`;
  if (readme.includes(`| \`@vendor-contracts/${name}\` |`)) return readme;
  const lines = readme.split('\n');
  let last = -1;
  for (const [i, line] of lines.entries()) if (/^\| `@vendor-contracts\/[a-z0-9-]+` \|/.test(line)) last = i;
  if (last === -1) throw new Error('vendor generator: README.md has no package table (rows like "| `@vendor-contracts/<name>` | … |")');
  lines.splice(last + 1, 0, row);
  return lines.join('\n');
}

interface RootManifest {
  repository?: { type: string; url: string };
  bugs?: unknown;
}

/** The repository's web address (`https://github.com/o/r`), from the root manifest's `repository`. */
function repositoryHome(root: RootManifest): string | undefined {
  return root.repository?.url.replace(/^git\+/, '').replace(/\.git$/, '');
}

/** LICENSE and the repository links of the root manifest, pointed at the package's directory. */
function addPublishingMetadata(tree: Tree, projectRoot: string): void {
  const license = tree.read('LICENSE');
  if (license) tree.write(join(projectRoot, 'LICENSE'), license);
  const root = readJson<RootManifest>(tree, 'package.json');
  const home = repositoryHome(root);
  if (!root.repository || !home) return;
  updateJson(tree, join(projectRoot, 'package.json'), (pkg: Record<string, unknown>) => {
    const { name, version, description, license: spdx, ...rest } = pkg;
    return {
      name,
      version,
      description,
      license: spdx,
      repository: { ...root.repository, directory: projectRoot },
      homepage: `${home}/tree/main/${projectRoot}#readme`,
      ...(root.bugs ? { bugs: root.bugs } : {}),
      ...rest,
    };
  });
}

export function vendorGenerator(tree: Tree, options: VendorGeneratorSchema): () => void {
  const { name } = options;
  if (!NAME.test(name ?? '')) throw new Error(`vendor generator: name must be kebab-case (letters, digits, single dashes; e.g. "acme-repairs"), got ${JSON.stringify(name)}`);
  const specPath = `specs/${name}/openapi.yaml`;
  const projectRoot = `packages/${name}`;
  if (tree.exists(join(projectRoot, 'package.json'))) throw new Error(`vendor generator: ${projectRoot} already exists`);
  if (options.spec) {
    const source = tree.read(options.spec);
    if (!source) throw new Error(`vendor generator: spec ${JSON.stringify(options.spec)} not found (a path relative to the workspace root)`);
    tree.write(specPath, source);
  }
  const text = tree.read(specPath, 'utf8');
  if (!text) throw new Error(`vendor generator: ${specPath} does not exist; write the spec first or pass --spec <path>`);
  const facts = specFacts(text, specPath);

  const runtime = readJson<{ version: string; dependencies: Record<string, string> }>(tree, 'packages/runtime/package.json');
  const home = repositoryHome(readJson<RootManifest>(tree, 'package.json'));
  generateFiles(tree, fileURLToPath(new URL('./files', import.meta.url)), projectRoot, {
    ...facts,
    name,
    // The README is read on the registry's page too, where a relative link leads nowhere.
    repoFiles: home ? `${home}/blob/main` : '../..',
    className: names(name).className,
    runtimeVersion: runtime.version,
    openapiFetchVersion: runtime.dependencies['openapi-fetch'],
    zodVersion: runtime.dependencies.zod,
  });
  addPublishingMetadata(tree, projectRoot);
  if (tree.exists(README)) tree.write(README, addReadmeRow(tree.read(README, 'utf8')!, name, facts.summary));

  return () => {
    if (options.skipCodegen) return;
    // After the files are on disk: codegen reads the spec and writes src/generated.
    execFileSync(process.execPath, [join(tree.root, 'node_modules', 'tsx', 'dist', 'cli.mjs'), 'tools/codegen/src/cli.ts', name], { cwd: tree.root, stdio: 'inherit' });
  };
}

export default vendorGenerator;
