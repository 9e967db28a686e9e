// One resource-unit pacer per Graph client: the service's budget is per app, so every call of every
// tool on this server spends from the same bucket.
import type { GraphClient } from '@m365-mcp/graph-core';
import { type RuBudget, RuPacer } from './ru-pacer.js';

const pacers = new WeakMap<GraphClient, RuPacer>();

export function pacerFor(graph: GraphClient, budget: RuBudget): RuPacer {
  let pacer = pacers.get(graph);
  if (!pacer) {
    pacer = new RuPacer(budget);
    pacers.set(graph, pacer);
  }
  return pacer;
}
