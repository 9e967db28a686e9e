// Where the report files go. As the HTML report always has: the parent folders are created and an
// existing file is replaced. What is checked before the (possibly long) run rather than after it:
// a target that is a directory, and two reports aimed at the same file.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface ReportTarget {
  /** The option that asked for it, for messages: `--html`. */
  option: string;
  /** What the report is, for messages: `HTML`. */
  kind: string;
  file: string;
}

/** Why these targets cannot be written, or undefined when they can be tried. */
export function reportTargetProblem(targets: ReportTarget[]): string | undefined {
  const seen = new Map<string, string>();
  for (const target of targets) {
    const path = resolve(target.file);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
      return `${target.option} ${target.file}: is a directory; give a file name`;
    }
    const other = seen.get(path);
    if (other) return `${other} and ${target.option} both write ${target.file}; give each its own file`;
    seen.set(path, target.option);
  }
  return undefined;
}

/** Writes the report, creating parent folders; returns the absolute path written. */
export function writeReportFile(file: string, content: string): string {
  const path = resolve(file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, content);
  return path;
}
