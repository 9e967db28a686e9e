// Types for generate.mjs, which graph-sim's schema test imports.
export interface RouteInput {
  method: string;
  path: string;
  versions?: readonly string[];
  expand?: readonly string[];
}

export interface GeneratedVersion {
  version: string;
  routes: Record<string, unknown>;
  types: Record<string, unknown>;
  enums: Record<string, string[]>;
}

export function generateGraphSchema(input: {
  reference: string;
  routes: readonly RouteInput[];
}): Record<'v1.0' | 'beta', GeneratedVersion>;
