// Just enough shell and TOML to read the READMEs' install snippets the way a shell and the Codex
// CLI would; anything beyond that subset is an error, so a snippet cannot drift into a form these
// readers would misread.

/** Words of one shell command: backslash-newline continues it; single and double quotes group. */
export function parseShellWords(text: string): string[] {
  const line = text.replace(/\\\n/g, ' ');
  if (line.includes('\n')) throw new Error('more than one shell command');
  const words: string[] = [];
  for (const [, double, single, bare] of line.matchAll(
    /"([^"\\$`]*)"|'([^']*)'|([^\s"'\\$`<>|;&()]+)|(\S)/g,
  )) {
    const word = double ?? single ?? bare;
    if (word === undefined) throw new Error(`a shell character this reader does not take: ${line}`);
    words.push(word);
  }
  return words;
}

type TomlValue = string | string[] | TomlTable;
interface TomlTable {
  [key: string]: TomlValue;
}

const key = '[A-Za-z0-9_-]+';
const basicString = String.raw`"(?:[^"\\\n]|\\["\\])*"`;

/** TOML tables ([a.b]) holding `key = "string"` and `key = ["string", ...]`, and comments. */
export function parseToml(text: string): TomlTable {
  const root: TomlTable = {};
  let table = root;
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const header = new RegExp(`^\\[(${key}(?:\\.${key})*)\\]$`).exec(line);
    if (header) {
      table = root;
      for (const part of (header[1] ?? '').split('.')) {
        const next = table[part] ?? {};
        if (typeof next !== 'object' || Array.isArray(next))
          throw new Error(`line ${index + 1}: ${part} is no table`);
        table[part] = next;
        table = next;
      }
      continue;
    }
    const pair = new RegExp(
      `^(${key})\\s*=\\s*(${basicString}|\\[\\s*(?:${basicString}\\s*,?\\s*)*\\])$`,
    ).exec(line);
    if (!pair) throw new Error(`line ${index + 1} is not TOML this reader takes: ${line}`);
    const [, name = '', value = ''] = pair;
    if (name in table) throw new Error(`line ${index + 1}: ${name} defined twice`);
    table[name] = value.startsWith('[')
      ? [...value.matchAll(new RegExp(basicString, 'g'))].map(([s]) => JSON.parse(s))
      : JSON.parse(value);
  }
  return root;
}
