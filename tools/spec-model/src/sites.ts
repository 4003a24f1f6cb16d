/**
 * Where an `x-` extension stands in an OpenAPI 3.1 document, named the way the registry declares
 * it (`operation`, `schema`, `example`, …). The walk follows the document's structure, so a
 * property NAMED `x-foo`, an example's data or another extension's value is never mistaken for an
 * extension.
 */
import { HTTP_METHODS } from './spec.js';
import type { Segment } from './pointer.js';
import { isObject } from './refs.js';

export const LOCATIONS = [
  'root',
  'info',
  'server',
  'tag',
  'path-item',
  'operation',
  'parameter',
  'header',
  'request-body',
  'response',
  'media-type',
  'example',
  'schema',
  'security-scheme',
] as const;
export type Location = (typeof LOCATIONS)[number];

/** One extension found in a document. */
export interface ExtensionSite {
  name: string;
  value: unknown;
  location: Location;
  /** Path of the extension key itself, e.g. `['paths', '/job', 'get', 'x-idempotent']`. */
  path: Segment[];
}

const METHODS = new Set<string>(HTTP_METHODS);
/** Schema keywords whose value is one schema, a list of schemas, or a map of schemas. */
const ONE_SCHEMA = ['items', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties'];
const SCHEMA_LIST = ['allOf', 'oneOf', 'anyOf', 'prefixItems'];
const SCHEMA_MAP = ['properties', 'patternProperties', '$defs', 'dependentSchemas'];

export const isExtensionKey = (key: string): boolean => key.startsWith('x-');

/** Every extension in the document, in document order. */
export function extensionSites(doc: unknown): ExtensionSite[] {
  const out: ExtensionSite[] = [];
  const visit = (node: unknown, path: Segment[], location: Location, depth: number): void => {
    if (!isObject(node) || depth > 200) return;
    for (const [key, value] of Object.entries(node)) if (isExtensionKey(key)) out.push({ name: key, value, location, path: [...path, key] });
    const each = (key: string, at: Location) => {
      if (isObject(node[key])) for (const [name, child] of Object.entries(node[key])) visit(child, [...path, key, name], at, depth + 1);
    };
    const list = (key: string, at: Location) => {
      if (Array.isArray(node[key])) node[key].forEach((child: unknown, i: number) => visit(child, [...path, key, i], at, depth + 1));
    };
    const one = (key: string, at: Location) => visit(node[key], [...path, key], at, depth + 1);
    switch (location) {
      case 'root':
        one('info', 'info');
        list('servers', 'server');
        list('tags', 'tag');
        each('paths', 'path-item');
        each('webhooks', 'path-item');
        if (isObject(node.components)) {
          const c = [...path, 'components'];
          const kinds: Array<[string, Location]> = [
            ['schemas', 'schema'],
            ['parameters', 'parameter'],
            ['headers', 'header'],
            ['responses', 'response'],
            ['requestBodies', 'request-body'],
            ['examples', 'example'],
            ['securitySchemes', 'security-scheme'],
            ['pathItems', 'path-item'],
          ];
          for (const [kind, at] of kinds) {
            const group = node.components[kind];
            if (isObject(group)) for (const [name, child] of Object.entries(group)) visit(child, [...c, kind, name], at, depth + 1);
          }
        }
        return;
      case 'path-item':
        for (const method of Object.keys(node)) if (METHODS.has(method)) one(method, 'operation');
        list('parameters', 'parameter');
        list('servers', 'server');
        return;
      case 'operation':
        list('parameters', 'parameter');
        one('requestBody', 'request-body');
        each('responses', 'response');
        list('servers', 'server');
        return;
      case 'parameter':
      case 'header':
        one('schema', 'schema');
        each('examples', 'example');
        each('content', 'media-type');
        return;
      case 'request-body':
        each('content', 'media-type');
        return;
      case 'response':
        each('content', 'media-type');
        each('headers', 'header');
        return;
      case 'media-type':
        one('schema', 'schema');
        each('examples', 'example');
        return;
      case 'schema':
        for (const key of ONE_SCHEMA) one(key, 'schema');
        for (const key of SCHEMA_LIST) list(key, 'schema');
        for (const key of SCHEMA_MAP) each(key, 'schema');
        if (isObject(node.additionalProperties)) one('additionalProperties', 'schema');
        return;
      default:
        // info, server, tag, example, security-scheme: their other members are data or plain fields.
        return;
    }
  };
  visit(doc, [], 'root', 0);
  return out;
}
