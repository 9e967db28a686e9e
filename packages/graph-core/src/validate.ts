// Graph's JSON is outside data: when the caller gives a schema, nothing unchecked gets through.
// Messages name where the mismatch is, never the (tenant-controlled) value itself.
import type { ZodType } from 'zod';
import { GraphError } from './errors.js';

export function validate<T>(
  schema: ZodType<T> | undefined,
  value: unknown,
  context: { method: string; path: string; where?: string },
): T {
  if (schema === undefined) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 3)
    .map(
      (issue) =>
        `${[context.where, ...issue.path.map(String)].filter(Boolean).join('.') || '(root)'}: ${issue.code}`,
    )
    .join('; ');
  throw new GraphError({
    status: 200,
    code: 'unexpectedResponse',
    message: `${context.method} ${context.path}: the response does not have the expected shape (${issues}).`,
    method: context.method,
    path: context.path,
  });
}
