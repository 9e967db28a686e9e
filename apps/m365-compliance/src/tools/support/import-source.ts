// Where import_audit_report may read: only files inside the imports directory (as reports are only
// written inside the reports directory). The path comes from the model, and a server reachable over
// HTTP must not read /etc/passwd for it; a symlink inside the folder that leads out of it is refused
// too. Errors name the path, never the file's content.
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { quoteArgument, ToolInputError } from '@m365-mcp/mcp-kit';

function inside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** The real path of a regular file inside `root` named by `requested` (relative to `root`, or absolute). */
export async function importSource(root: string, requested: string, maxBytes: number): Promise<string> {
  // Repeated in errors cleaned and bounded like tenant text: the model may have copied it from a report.
  const shown = quoteArgument(requested, 300);
  const outside = () =>
    new ToolInputError(
      `Refused: ${shown} is outside the imports directory ${root}. Copy the report there (or set settings.importsDirectory) and pass its name.`,
    );
  const target = resolve(root, requested);
  if (!inside(root, target)) throw outside();
  const real = await realpath(target).catch(() => {
    throw new ToolInputError(`No report file at ${shown} in the imports directory ${root}.`);
  });
  const realRoot = await realpath(root).catch(() => root);
  if (!inside(realRoot, real)) throw outside();
  const info = await stat(real);
  if (!info.isFile()) throw new ToolInputError(`${shown} is not a file.`);
  if (info.size > maxBytes) throw new ToolInputError(`The report is larger than ${maxBytes} bytes.`);
  return real;
}
