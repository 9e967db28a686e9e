// Text from a server (tool names, progress messages, errors) on its way to a terminal: control
// characters and bidi overrides become spaces, so it cannot move the cursor, recolour the screen
// or reorder what follows it; and it is cut to a width.

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Control, line-separator and bidi characters as spaces: what every output format starts from. */
export function withoutControlCharacters(text: string): string {
  return text.replace(CONTROL, ' ');
}

export function terminalSafe(text: string, max = 200): string {
  const clean = withoutControlCharacters(text);
  if (max <= 0) return '';
  return clean.length > max ? `${clean.slice(0, max - 1)}…` : clean;
}

/** Whether to colour: never when NO_COLOR is set to anything non-empty (https://no-color.org). */
export function colourAllowed(env: Record<string, string | undefined>): boolean {
  return !env.NO_COLOR;
}
