// Text arguments a tool can use: well-formed Unicode without NUL. A lone UTF-16 surrogate cannot be
// encoded into a URL or a Graph filter, and a NUL cuts paths and C strings; both used to reach the
// tools and end as internal errors. They are refused up front, saying which argument and why.
import { ToolInputError } from './tool-input-error.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function problemOf(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'contains a lone UTF-16 surrogate (not valid text)';
  if (text.includes('\u0000')) return 'contains a NUL character';
  return undefined;
}

/** Throws a ToolInputError naming the first argument (at any depth) whose text cannot be used. */
export function checkArgumentText(value: unknown, where = 'arguments'): void {
  if (typeof value === 'string') {
    const problem = problemOf(value);
    if (problem) throw new ToolInputError(`Invalid argument ${where}: it ${problem}.`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => {
      checkArgumentText(item, `${where}[${index}]`);
    });
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      checkArgumentText(inner, where === 'arguments' ? `"${key}"` : `${where}.${key}`);
    }
  }
}
