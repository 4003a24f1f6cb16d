// @ts-check
/**
 * `npm run docs:api`: the API reference of the published packages, one section per package
 * (entry point: its src/index.ts), written to docs/api/ (gitignored).
 */
import { OptionDefaults } from 'typedoc';

/** Tags our sources use: openapi-typescript's @description, the runtime's @unit, codegen's header. */
const blockTags = [...OptionDefaults.blockTags, '@description', '@unit', '@spec-sha256', '@constant'];

/** Read the other packages' sources (not their dist), so no build is needed first. */
const compilerOptions = { customConditions: ['@vendor-contracts/source'], declarationMap: false, sourceMap: false };

/** @type {Partial<import('typedoc').TypeDocOptions>} */
export default {
  name: 'vendor-contracts',
  entryPointStrategy: 'packages',
  entryPoints: ['packages/sdk', 'packages/runtime', 'packages/tmt-first', 'packages/telecomx', 'packages/infocare', 'packages/totalmobile', 'packages/atttool', 'packages/mock'],
  packageOptions: { entryPoints: ['src/index.ts'], tsconfig: 'tsconfig.build.json', compilerOptions, readme: 'README.md', blockTags, validation: { notExported: false } },
  blockTags,
  readme: 'README.md',
  out: 'docs/api',
  excludePrivate: true,
  validation: { notExported: false, invalidLink: true },
};
