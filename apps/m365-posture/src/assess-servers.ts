// Assesses a list of servers one after the other for one tenant, each started with the environment
// `envFor` gives it, announcing each change of a server's state. Shared by the single-tenant run
// (run.ts) and the portfolio (portfolio/portfolio-run.ts): a server whose environment cannot be
// built, or that fails, is an outcome like any other and never stops the others.
import { assessServer, type ServerOutcome } from './assess.js';
import { type PostureStatus, worseStatus } from './assessment.js';
import type { ProgressEvent } from './progress-events.js';
import type { ServerCommand } from './servers.js';

export function serverDoneEvent(outcome: ServerOutcome): ProgressEvent {
  switch (outcome.state) {
    case 'assessed': {
      let status: PostureStatus = 'ok';
      for (const { assessment } of outcome.assessments) status = worseStatus(status, assessment.status);
      return { server: outcome.server, phase: 'done', state: 'assessed', status };
    }
    case 'no-assessment':
      return { server: outcome.server, phase: 'done', state: 'no-assessment' };
    case 'failed':
      return { server: outcome.server, phase: 'failed', error: outcome.error };
  }
}

export async function assessServers(
  servers: readonly ServerCommand[],
  options: {
    envFor: (server: ServerCommand) => Promise<Record<string, string>> | Record<string, string>;
    emit: (event: ProgressEvent) => void;
  },
): Promise<ServerOutcome[]> {
  const { emit } = options;
  const outcomes: ServerOutcome[] = [];
  for (const server of servers) {
    emit({ server: server.name, phase: 'starting' });
    let env: Record<string, string>;
    try {
      env = await options.envFor(server);
    } catch (error) {
      const outcome: ServerOutcome = {
        server: server.name,
        state: 'failed',
        error: (error as Error).message,
      };
      outcomes.push(outcome);
      emit(serverDoneEvent(outcome));
      continue;
    }
    const outcome = await assessServer(server, { env, onProgress: emit });
    outcomes.push(outcome);
    emit(serverDoneEvent(outcome));
  }
  return outcomes;
}
