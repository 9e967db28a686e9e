// Untrusted text (anything a server or the tenant supplied) made into one line of literal
// GitHub-flavoured Markdown. It must not be able to: start a block (heading, quote, list, code
// block), open a link, image, autolink or footnote, inject HTML, break out of a table cell, or
// add emphasis, strikethrough or code. So: control characters and line breaks become spaces; HTML
// metacharacters become entities; Markdown punctuation is backslash-escaped; a block marker at the
// start is escaped; and the shapes GFM turns into links by themselves (`scheme://`, `www.`,
// `name@host`) are broken with an escape.

import { withoutControlCharacters } from './terminal-text.js';

const entities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

export function markdownText(value: unknown, max = 300): string {
  const raw = typeof value === 'string' ? value : (JSON.stringify(value) ?? '');
  let text = withoutControlCharacters(raw).replace(/\s+/g, ' ').trim();
  // Cut before escaping, so a cut never splits an escape or an entity.
  if (text.length > max) text = `${text.slice(0, max - 1)}…`;
  text = text
    .replace(/[&<>]/g, (c) => entities[c] ?? c)
    .replace(/[\\`*_[\]|~]/g, '\\$&')
    .replace(/:\/\//g, '\\://')
    .replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}\\.`)
    .replace(/@/g, '\\@');
  // Block markers only mean something at the start of a line (or of a list item's content).
  return text.replace(/^([#+=-]|\d+(?=[.)]))/, (m) => (/^\d/.test(m) ? `${m}\\` : `\\${m}`));
}
