/** What the plugin can be told in nx.json (`plugins: [{ plugin, options }]`); every field is optional. */
export interface VendorPluginOptions {
  /** @default 'lint-spec' */
  lintSpecTargetName?: string;
  /** @default 'codegen' */
  codegenTargetName?: string;
  /** @default 'codegen-check' */
  codegenCheckTargetName?: string;
  /** @default 'build' */
  buildTargetName?: string;
  /** @default 'mock' */
  mockTargetName?: string;
  /** @default 'contract' */
  contractTargetName?: string;
}

export type NormalizedOptions = Required<VendorPluginOptions>;

/** Defaults resolved in one place, so each target builder reads plain strings. */
export function normalizeOptions(options: VendorPluginOptions | undefined): NormalizedOptions {
  const o: VendorPluginOptions = { ...options };
  o.lintSpecTargetName ??= 'lint-spec';
  o.codegenTargetName ??= 'codegen';
  o.codegenCheckTargetName ??= 'codegen-check';
  o.buildTargetName ??= 'build';
  o.mockTargetName ??= 'mock';
  o.contractTargetName ??= 'contract';
  return o as NormalizedOptions;
}
