/**
 * specs/<vendor>/openapi.yaml → generated/index.ts: the names a vendor package exports for its
 * spec, so no vendor writes them by hand: the spec's facts (`definition`, `operationTable`), the
 * openapi-typescript types, one type per component next to its zod schema, the request fields the
 * client fills (`x-credential`) and the operations and methods as callers see them (without those
 * fields, resolving to the `x-envelope` payload).
 * @see ../../../../specs/README.md "Vendor extensions the runtime reads"
 */
import { credentialFieldNames } from './operations.js';
import type { JsonSchema } from './zod.js';

export function emitIndex(doc: JsonSchema, vendor: string): string {
  const prefix = pascalCase(vendor);
  const fields = credentialFieldNames(doc);
  const fieldType = fields.length ? fields.map((f) => JSON.stringify(f)).join(' | ') : 'never';
  const typeNames = ['components', 'operations', 'paths', ...(doc.webhooks ? ['webhooks'] : [])];
  return [
    `import type { OperationArgs, OperationMethods, OperationResult${fields.length ? ', WithoutCredentialFields' : ''} } from '@vendor-contracts/runtime';`,
    `import type { EnvelopePayload, OperationId } from './operations.js';`,
    `import type { components, operations } from './types.js';`,
    '',
    `/** The spec's facts: servers, security schemes, operations (method, path, schemas), extensions. */`,
    `export { definition, operations as operationTable } from './operations.js';`,
    `export type { EnvelopePayload, OperationId } from './operations.js';`,
    `export type { ${typeNames.join(', ')} } from './types.js';`,
    `/**`,
    ` * The types of the zod schemas (\`X\` as received, \`XStrict\` as sent). The schemas themselves are`,
    ` * at the package's \`/schemas\` entry: kept out of this one so that a client's bundle loads zod only`,
    ` * when a value needs it (operations.ts imports them on demand).`,
    ` */`,
    `export type * from './schemas.js';`,
    '',
    `/** Component types by name, e.g. \`${prefix}Schemas['${Object.keys(doc.components?.schemas ?? {})[0] ?? 'Name'}']\`. */`,
    `export type ${prefix}Schemas = components['schemas'];`,
    '',
    `/** The request fields the client fills from its configuration (\`x-credential\`): callers never pass them. */`,
    `export type CredentialFields = ${fieldType};`,
    '',
    `/** The operations as callers see them: without the fields the client fills. */`,
    // Only when there are fields to remove: mapping the types anyway would flatten oneOf bodies.
    fields.length
      ? `export type ${prefix}Operations = WithoutCredentialFields<Pick<operations, OperationId>, CredentialFields>;`
      : `export type ${prefix}Operations = Pick<operations, OperationId>;`,
    '',
    `/** One method per operation, resolving to the success body${doc['x-envelope'] ? ` (the \`x-envelope\` payload at \`${doc['x-envelope'].payload}\`)` : ''}. */`,
    `export type ${prefix}Methods = OperationMethods<${prefix}Operations, EnvelopePayload>;`,
    `/** The arguments of one method: \`(input, { signal, timeout, headers, … }?)\`. */`,
    `export type ${prefix}Args<K extends OperationId> = OperationArgs<${prefix}Operations[K]>;`,
    `/** What one method resolves to. */`,
    `export type ${prefix}Output<K extends OperationId> = OperationResult<${prefix}Operations[K], EnvelopePayload>;`,
    '',
  ].join('\n');
}

/** `tmt-first` → `TmtFirst`: the prefix of every vendor-named type. */
export function pascalCase(vendor: string): string {
  return vendor
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}
