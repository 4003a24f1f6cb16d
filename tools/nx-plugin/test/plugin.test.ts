/** createNodesV2 on a temporary workspace: what it infers for a vendor, and what it refuses. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreateNodesContext } from '@nx/devkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodes, createNodesV2 } from '../src/index.js';

let workspaceRoot: string;
beforeAll(() => {
  workspaceRoot = mkdtempSync(join(tmpdir(), 'nx-plugin-'));
  for (const vendor of ['acme', 'drafted']) {
    mkdirSync(join(workspaceRoot, 'specs', vendor), { recursive: true });
    writeFileSync(join(workspaceRoot, 'specs', vendor, 'openapi.yaml'), 'openapi: 3.1.0\n');
  }
  // Only acme has a package; `drafted` is a spec without one yet.
  mkdirSync(join(workspaceRoot, 'packages', 'acme'), { recursive: true });
  writeFileSync(join(workspaceRoot, 'packages', 'acme', 'package.json'), '{ "name": "@vendor-contracts/acme" }\n');
});
afterAll(() => rmSync(workspaceRoot, { recursive: true, force: true }));

const context = (): CreateNodesContext => ({ nxJsonConfiguration: {}, workspaceRoot });
const [glob, createNodesFunction] = createNodesV2;

describe('createNodesV2', () => {
  it('matches each vendor spec, and is also exported as createNodes', () => {
    expect(glob).toBe('specs/*/openapi.yaml');
    expect(createNodes).toBe(createNodesV2);
  });

  it('infers the six targets on packages/<vendor>', async () => {
    const results = await createNodesFunction(['specs/acme/openapi.yaml'], undefined, context());
    expect(results).toMatchInlineSnapshot(`
      [
        [
          "specs/acme/openapi.yaml",
          {
            "projects": {
              "packages/acme": {
                "implicitDependencies": [
                  "@vendor-contracts/codegen",
                  "@vendor-contracts/spec-lint",
                  "@vendor-contracts/spec-model",
                ],
                "targets": {
                  "build": {
                    "cache": true,
                    "command": "tsc -p tsconfig.build.json && tsx ../../tools/codegen/src/ship-cli.ts acme",
                    "dependsOn": [
                      "^build",
                      "codegen",
                    ],
                    "inputs": [
                      "production",
                      "^production",
                      "{workspaceRoot}/specs/acme/openapi.yaml",
                      "{workspaceRoot}/tools/codegen/src/ship.ts",
                      "{workspaceRoot}/tools/codegen/src/ship-cli.ts",
                      "{workspaceRoot}/tools/codegen/src/spec.ts",
                      "{workspaceRoot}/tools/spec-model/src/spec.ts",
                      {
                        "externalDependencies": [
                          "typescript",
                          "yaml",
                        ],
                      },
                    ],
                    "metadata": {
                      "description": "Compile packages/acme/src to dist/ (ESM + declarations) and ship specs/acme/openapi.yaml (+ dereferenced openapi.json) in dist/",
                      "technologies": [
                        "typescript",
                        "openapi",
                      ],
                    },
                    "options": {
                      "cwd": "{projectRoot}",
                    },
                    "outputs": [
                      "{projectRoot}/dist",
                    ],
                  },
                  "codegen": {
                    "cache": true,
                    "command": "tsx tools/codegen/src/cli.ts acme",
                    "inputs": [
                      "{workspaceRoot}/specs/acme/**/*",
                      "{workspaceRoot}/tools/codegen/src/**/*",
                      "{workspaceRoot}/tools/spec-model/src/**/*",
                      "{workspaceRoot}/tools/nx-plugin/src/**/*",
                      {
                        "externalDependencies": [
                          "openapi-typescript",
                          "yaml",
                          "prettier",
                        ],
                      },
                    ],
                    "metadata": {
                      "description": "Generate packages/acme/src/generated from specs/acme/openapi.yaml",
                      "technologies": [
                        "openapi",
                        "typescript",
                      ],
                    },
                    "options": {
                      "cwd": "{workspaceRoot}",
                    },
                    "outputs": [
                      "{projectRoot}/src/generated",
                    ],
                  },
                  "codegen-check": {
                    "cache": true,
                    "command": "tsx tools/codegen/src/cli.ts acme --check",
                    "inputs": [
                      "{workspaceRoot}/specs/acme/**/*",
                      "{workspaceRoot}/tools/codegen/src/**/*",
                      "{workspaceRoot}/tools/spec-model/src/**/*",
                      "{workspaceRoot}/tools/nx-plugin/src/**/*",
                      {
                        "externalDependencies": [
                          "openapi-typescript",
                          "yaml",
                          "prettier",
                        ],
                      },
                      "{projectRoot}/src/generated/**/*",
                    ],
                    "metadata": {
                      "description": "Check that packages/acme/src/generated is exactly what specs/acme/openapi.yaml generates",
                      "technologies": [
                        "openapi",
                        "typescript",
                      ],
                    },
                    "options": {
                      "cwd": "{workspaceRoot}",
                    },
                    "outputs": [],
                  },
                  "contract": {
                    "cache": true,
                    "command": "vitest run test/every-vendor/ test/acme/",
                    "dependsOn": [
                      "codegen",
                    ],
                    "inputs": [
                      "production",
                      "^production",
                      "{workspaceRoot}/specs/acme/**/*",
                      "{workspaceRoot}/test/contract/src/**/*",
                      "{workspaceRoot}/packages/mock/src/**/*",
                      "{workspaceRoot}/test/contract/test/every-vendor/**/*",
                      "{workspaceRoot}/test/contract/test/acme/**/*",
                      "{workspaceRoot}/test/contract/vitest.config.ts",
                      "{workspaceRoot}/vitest.shared.ts",
                      "{workspaceRoot}/test/setup/**/*",
                      {
                        "externalDependencies": [
                          "@stoplight/prism-http",
                          "@stoplight/prism-http-server",
                          "vitest",
                        ],
                      },
                    ],
                    "metadata": {
                      "description": "Drive the acme client against Prism serving specs/acme/openapi.yaml",
                      "technologies": [
                        "vitest",
                        "prism",
                      ],
                    },
                    "options": {
                      "cwd": "{workspaceRoot}/test/contract",
                      "env": {
                        "CONTRACT_VENDOR": "acme",
                      },
                    },
                    "outputs": [],
                  },
                  "lint-spec": {
                    "cache": true,
                    "command": "tsx tools/spec-lint/src/cli.ts acme",
                    "inputs": [
                      "{workspaceRoot}/specs/acme/**/*",
                      "{workspaceRoot}/specs/operations.yaml",
                      "{workspaceRoot}/tools/spec-lint/src/**/*",
                      "{workspaceRoot}/tools/spec-model/src/**/*",
                      {
                        "externalDependencies": [
                          "@stoplight/spectral-core",
                          "@stoplight/spectral-rulesets",
                          "@stoplight/spectral-functions",
                          "ajv",
                        ],
                      },
                    ],
                    "metadata": {
                      "description": "Lint specs/acme/openapi.yaml: Spectral's oas rules plus ours (operationIds, examples, operations.yaml coverage)",
                      "technologies": [
                        "openapi",
                        "spectral",
                      ],
                    },
                    "options": {
                      "cwd": "{workspaceRoot}",
                    },
                    "outputs": [],
                  },
                  "mock": {
                    "cache": false,
                    "command": "tsx test/contract/src/mock-cli.ts acme",
                    "continuous": true,
                    "metadata": {
                      "description": "Serve specs/acme/openapi.yaml with Prism (static examples) for local development",
                      "technologies": [
                        "openapi",
                        "prism",
                      ],
                    },
                    "options": {
                      "cwd": "{workspaceRoot}",
                    },
                  },
                },
              },
            },
          },
        ],
      ]
    `);
  });

  it('infers nothing for a spec whose package does not exist yet', async () => {
    expect(await createNodesFunction(['specs/drafted/openapi.yaml'], undefined, context())).toEqual([['specs/drafted/openapi.yaml', {}]]);
  });

  it('takes other target names from the options', async () => {
    const [[, result]] = (await createNodesFunction(['specs/acme/openapi.yaml'], { codegenTargetName: 'generate', buildTargetName: 'compile' }, context())) as [
      [string, { projects: Record<string, { targets: Record<string, { dependsOn?: unknown }> }> }],
    ];
    const targets = result.projects['packages/acme']!.targets;
    expect(Object.keys(targets).sort()).toEqual(['codegen-check', 'compile', 'contract', 'generate', 'lint-spec', 'mock']);
    expect(targets.compile!.dependsOn).toEqual(['^compile', 'generate']);
    expect(targets.contract!.dependsOn).toEqual(['generate']);
  });
});
