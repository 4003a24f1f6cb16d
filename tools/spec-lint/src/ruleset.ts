/**
 * The rules every vendor spec passes: Spectral's `oas` recommended rules, a few of them made
 * errors, and ours (named `vc-*`). Built per vendor because one rule needs the vendor's rows of
 * specs/operations.yaml.
 */
import type { RulesetDefinition } from '@stoplight/spectral-core';
import { defined, pattern, schema } from '@stoplight/spectral-functions';
import { oas } from '@stoplight/spectral-rulesets';
import { declaredExtensions } from './functions/extensions.js';
import { type ListedOperation, listedOperations } from './functions/listed-operations.js';
import { requestPairing } from './functions/request-pairing.js';
import { responseContent } from './functions/response-content.js';

const OPERATIONS = '$.paths[*][get,put,post,delete,options,head,patch,trace]';

export function vendorContractsRuleset(listed: ListedOperation[]): RulesetDefinition {
  return {
    extends: [[oas as RulesetDefinition, 'recommended']],
    rules: {
      // The vendor documents give no contact; the spec's `source/` folder says where it came from.
      'info-contact': 'off',
      // Built-in rules we rely on, raised to errors: unique operationIds, servers, examples that validate.
      'operation-operationId': 'error',
      'operation-operationId-unique': 'error',
      'oas3-api-servers': 'error',
      'oas3-valid-media-example': 'error',
      'oas3-valid-schema-example': 'error',
      'oas3-operation-security-defined': 'error',
      'vc-operation-id-camel-case': {
        description: 'operationIds are camelCase method names (the SDK exposes them as methods)',
        message: 'operationId "{{value}}" must be camelCase (e.g. getJob, updateInternetRequest)',
        severity: 'error',
        given: `${OPERATIONS}.operationId`,
        then: { function: pattern, functionOptions: { match: '^[a-z][a-zA-Z0-9]*$' } },
      },
      'vc-listed-operations': {
        description: 'every operation specs/operations.yaml lists for the vendor is in the spec',
        message: '{{error}}',
        severity: 'error',
        given: '$',
        then: { function: listedOperations, functionOptions: { operations: listed } },
      },
      'vc-response-schema': {
        description: 'every response has content with a schema',
        message: '{{error}}',
        severity: 'error',
        given: `${OPERATIONS}.responses`,
        then: { function: responseContent, functionOptions: { require: 'schema' } },
      },
      // A warning, not an error: the vendor documents give no example for many responses
      // (most of Totalmobile's), and an invented example would pass for the vendor's word.
      'vc-response-example': {
        description: 'every response has an example',
        message: '{{error}}',
        severity: 'warn',
        given: `${OPERATIONS}.responses`,
        then: { function: responseContent, functionOptions: { require: 'example' } },
      },
      // One rule for every x- extension, driven by tools/spec-model's registry: a declared name, in a
      // place it may stand, with a value its schema accepts (x-assumption: a non-empty string, …).
      'vc-extension': {
        description: 'every x- extension is declared in tools/spec-model, stands where it may, and has a valid value',
        message: '{{error}}',
        severity: 'error',
        given: '$',
        // The raw document: a $ref'd schema is checked once, where it is written.
        resolved: false,
        then: { function: declaredExtensions },
      },
      'vc-request-pairing': {
        description: "a response example's x-request names a request example of its operation (the request the document shows answered with it)",
        message: '{{error}}',
        severity: 'error',
        given: OPERATIONS,
        then: { function: requestPairing },
      },
      'vc-security-declared': {
        description: 'the document declares its security at the root (an empty list, explained by an x-assumption, when there is none)',
        message: 'root "security" must be declared',
        severity: 'error',
        given: '$',
        then: [
          { field: 'security', function: defined },
          { field: 'security', function: schema, functionOptions: { schema: { type: 'array' } } },
        ],
      },
    },
  };
}
