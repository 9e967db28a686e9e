// The fuzz run's report: one line of counts a server, then the failures grouped by server and
// invariant (a few examples each, every one with the command that replays it).
import type { Failure, ServerSummary } from './fuzz-server.ts';

const SCRIPT = 'node apps/m365-posture/fuzz/fuzz-tools.ts';
const EXAMPLES_PER_GROUP = 5;

export function replayCommand(seed: string, failure: Failure, cases: number): string {
  return failure.caseIndex === null
    ? `${SCRIPT} --seed ${seed} --server ${failure.server} --cases ${cases}`
    : `${SCRIPT} --seed ${seed} --server ${failure.server} --only-case ${failure.caseIndex}`;
}

export function formatReport(summaries: readonly ServerSummary[], seed: string, cases: number): string {
  const out: string[] = [];
  for (const s of summaries) {
    out.push(
      `${s.server.padEnd(16)} ${s.tools} tools, ${s.cases} cases: ${s.results} results, ${s.toolErrors} tool errors, ` +
        `${s.protocolErrors} protocol errors, ${s.malformedLines} malformed lines (${s.malformedAnswered} answered), ` +
        `${s.failures.length} failures` +
        (s.slowest
          ? `; slowest: case ${s.slowest.index} (${s.slowest.kind}) ${Math.round(s.slowest.ms)} ms`
          : ''),
    );
  }
  const failures = summaries.flatMap((s) => s.failures);
  if (failures.length === 0) {
    out.push(`\nNo invariant broken (seed ${seed}).`);
    return out.join('\n');
  }
  const groups = new Map<string, Failure[]>();
  for (const failure of failures) {
    const key = `${failure.server} ${failure.invariant}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  out.push(`\n${failures.length} failures (seed ${seed}):`);
  for (const [key, group] of groups) {
    const kinds = [...new Set(group.map((f) => f.kind))].join(', ');
    out.push(`\n${key}: ${group.length} (case kinds: ${kinds})`);
    for (const failure of group.slice(0, EXAMPLES_PER_GROUP)) {
      const where = failure.caseIndex === null ? 'session' : `case ${failure.caseIndex} (${failure.kind})`;
      out.push(`  ${where}: ${failure.message}`);
      out.push(`    sent: ${failure.description.slice(0, 200)}`);
      out.push(`    replay: ${replayCommand(seed, failure, cases)}`);
    }
    if (group.length > EXAMPLES_PER_GROUP) out.push(`  … and ${group.length - EXAMPLES_PER_GROUP} more`);
  }
  return out.join('\n');
}
