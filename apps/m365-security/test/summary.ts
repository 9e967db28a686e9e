/** The tool's own summary: the text before the untrusted-data notice mcp-kit appends. */
export function summaryOf(text: string): string {
  return text.split(/\n+Note: quoted names/)[0] ?? text;
}
