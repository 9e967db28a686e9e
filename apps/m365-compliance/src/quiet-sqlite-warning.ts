// Node 22 marks node:sqlite experimental and prints an ExperimentalWarning the first time it is
// loaded. The run store depends on nothing of it that is in flux, and the warning would greet
// every user of this server on stderr, so that one warning (and only that one) is dropped.
export function quietSqliteWarning(): void {
  const emitWarning = process.emitWarning.bind(process);
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const text = typeof warning === 'string' ? warning : warning.message;
    if (/SQLite is an experimental feature/.test(text)) return;
    (emitWarning as (w: string | Error, ...r: unknown[]) => void)(warning, ...rest);
  }) as typeof process.emitWarning;
}
