// Another process on a shared log, for shared-log.test.ts: Node runs it on the TypeScript source
// (its type stripping; the hook below maps the source's `./x.js` imports to `./x.ts`). It talks to
// the test over IPC, so the test waits on its messages, never on time.
//
//   append <log> <key file> <count> <session>   opens the log, says "ready", appends <count> lines
//                                               one after another when told "go", says "done"
//   hold-lock <log>                             takes the log's lock, says "locked", and waits to
//                                               be killed (as a process that dies mid-append)
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js'))
        return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});

type Message = { type: 'ready' | 'done' | 'locked' } | { type: 'failed'; message: string };

/** Resolves once the message is handed to the channel, so disconnecting after it loses nothing. */
function say(message: Message): Promise<void> {
  return new Promise((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, () => resolve());
  });
}

function told(type: string): Promise<void> {
  return new Promise((resolve) => {
    const listen = (message: { type?: string }) => {
      if (message.type !== type) return;
      process.off('message', listen);
      resolve();
    };
    process.on('message', listen);
  });
}

async function append(path: string, keyFile: string, count: number, session: string): Promise<void> {
  const { loadAuditKeyFile, openAuditLog } = await import('../src/index.js');
  const key = await loadAuditKeyFile(keyFile);
  const log = await openAuditLog(path, { server: 'm365-security', key });
  const go = told('go');
  await say({ type: 'ready' });
  await go;
  for (let index = 1; index <= count; index += 1) {
    await log.append({
      tool: `tool_${index}`,
      caller: session,
      session,
      arguments: { index },
      outcome: 'ok',
      durationMs: 1,
      requestIds: [],
    });
  }
  await log.close();
  await say({ type: 'done' });
}

async function holdLock(path: string): Promise<void> {
  const { realpath } = await import('node:fs/promises');
  const { appendLockSettings, lockAuditLog } = await import('../src/append-lock.js');
  await lockAuditLog(await realpath(path), appendLockSettings());
  // Listening keeps the IPC channel, and so the process, alive: the test kills it before it is told.
  const never = told('release');
  await say({ type: 'locked' });
  await never;
}

const [mode, path = '', ...rest] = process.argv.slice(2);
try {
  if (mode === 'append') await append(path, rest[0] ?? '', Number(rest[1]), rest[2] ?? 'child');
  else if (mode === 'hold-lock') await holdLock(path);
  else throw new Error(`unknown mode ${mode}`);
  if (mode === 'append') process.disconnect();
} catch (error) {
  await say({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  process.exitCode = 1;
  process.disconnect();
}
