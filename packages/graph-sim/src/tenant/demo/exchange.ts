import type { ExchangeData } from '../exchange.js';

/** The demo tenant's Exchange Online settings. */
export function demoExchange(_now: Date): ExchangeData {
  return {};
}
