import type { z } from 'zod';

/** A report file that cannot be imported: says which format, where, and what was wrong. */
export class ReportImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportImportError';
  }
}

export function parseReport<T>(schema: z.ZodType<T>, data: unknown, format: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(top level)'}: ${i.message}`)
    .join('; ');
  throw new ReportImportError(`Not a valid ${format} report: ${issues}.`);
}

/** JSON text as PowerShell writes it: UTF-8 with or without a byte-order mark, CRLF or LF. */
export function parseJsonText(text: string, format: string): unknown {
  const clean = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (clean.trim() === '') throw new ReportImportError(`The ${format} report is empty.`);
  try {
    return JSON.parse(clean);
  } catch (error) {
    // JSON.parse's message quotes the text around the error: never echoed (the file may not be a
    // report at all); the position is enough to find it.
    const position = error instanceof Error ? /position (\d+)/.exec(error.message)?.[1] : undefined;
    throw new ReportImportError(
      `The ${format} report is not JSON${position ? ` (syntax error at character ${position})` : ''}.`,
    );
  }
}

/** Long free text (PowerShell console tables, Markdown) trimmed for evidence. */
export function clip(text: string | null | undefined, max = 2000): string {
  const value = (text ?? '').replace(/\r\n/g, '\n').trim();
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
