// JSON.parse keeps the LAST of two equal keys, while a person reading the line (or a tool that
// keeps the first) sees the other value: {"outcome":"refused",...,"outcome":"ok"} would verify as
// "ok" yet read as "refused". The writer never repeats a key, so verify refuses any line that does.

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/**
 * The path (e.g. `arguments.filter`) of the first key that appears twice in one object of a JSON
 * text, or undefined. The text must already be valid JSON (JSON.parse accepted it). Iterative, so a
 * deeply nested forged line cannot overflow the stack.
 */
export function findDuplicateKey(text: string): string | undefined {
  interface Frame {
    keys: Set<string> | undefined; // undefined for an array
    path: string;
    nextKey: string | undefined;
  }
  const stack: Frame[] = [];
  let index = 0;

  const readString = (): string => {
    const start = index;
    index += 1; // opening quote
    while (text[index] !== '"') index += text[index] === '\\' ? 2 : 1;
    index += 1;
    // Decoding makes "a" and "\u0061" the same key, as they are to JSON.parse.
    return JSON.parse(text.slice(start, index)) as string;
  };
  const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

  while (index < text.length) {
    const char = text[index] ?? '';
    if (WHITESPACE.has(char) || char === ':' || char === ',') {
      index += 1;
      continue;
    }
    const top = stack.at(-1);
    if (char === '{' || char === '[') {
      const path = top === undefined ? '' : join(top.path, top.nextKey ?? '[]');
      stack.push({ keys: char === '{' ? new Set() : undefined, path, nextKey: undefined });
      index += 1;
      continue;
    }
    if (char === '}' || char === ']') {
      stack.pop();
      // The object or array just closed was the value of its parent's key.
      const parent = stack.at(-1);
      if (parent?.keys !== undefined) parent.nextKey = undefined;
      index += 1;
      continue;
    }
    if (char === '"') {
      // Inside an object, a string that is not a value is the next key.
      const isKey = top?.keys !== undefined && top.nextKey === undefined;
      const value = readString();
      if (isKey && top?.keys !== undefined) {
        if (top.keys.has(value)) return join(top.path, value);
        top.keys.add(value);
        top.nextKey = value;
      } else if (top?.keys !== undefined) {
        top.nextKey = undefined;
      }
      continue;
    }
    // A number, true, false or null.
    while (index < text.length && !WHITESPACE.has(text[index] ?? '') && !',]}'.includes(text[index] ?? '')) {
      index += 1;
    }
    if (top?.keys !== undefined) top.nextKey = undefined;
  }
  return undefined;
}
