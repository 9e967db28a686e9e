// Safe readers for Graph JSON: tenant data is untrusted and shapes vary between tenants and
// versions, so predicates never assume a property exists.

export type Json = Record<string, unknown>;

export function obj(value: unknown): Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

export function strings(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string');
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `a.b.c` of a JSON object, or undefined. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const part of path.split('.')) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Json)[part];
  }
  return current;
}

/** The `@odata.type` of an object (a key with a dot in it, so `at` cannot reach it), or null. */
export function odataType(value: unknown): string | null {
  return str(obj(value)['@odata.type']) ?? null;
}

/** A Graph list resource's items (list resources are stored as arrays). */
export function items(value: unknown): Json[] {
  return arr(value).map(obj);
}

/** The name/value pairs of a directory setting object (`groupSettings`) with the given template. */
export function settingValues(settings: unknown, templateId: string): Map<string, string> | undefined {
  const setting = items(settings).find((s) => s.templateId === templateId);
  if (!setting) return undefined;
  const values = new Map<string, string>();
  for (const pair of items(setting.values)) {
    const name = str(pair.name);
    const value = str(pair.value);
    if (name !== undefined) values.set(name, value ?? '');
  }
  return values;
}

export const PASSWORD_RULE_TEMPLATE = '5cf42378-d67d-4f36-ba46-e8b86229381d';
export const GROUP_UNIFIED_TEMPLATE = '62375ab9-6b52-47ed-826b-58e47e0e304b';
