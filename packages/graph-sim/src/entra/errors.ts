// Entra's error shape for the token endpoint and metadata, with its AADSTS codes.
import { randomUUID } from 'node:crypto';

export interface EntraErrorBody {
  error: string;
  error_description: string;
  error_codes: number[];
  timestamp: string;
  trace_id: string;
  correlation_id: string;
  /** e.g. `consent_required` on AADSTS65001, as Entra adds it. */
  suberror?: string;
}

export class EntraError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly aadsts: number,
    readonly description: string,
    readonly suberror?: string,
  ) {
    super(`${error}: AADSTS${aadsts}: ${description}`);
    this.name = 'EntraError';
  }

  toBody(correlationId: string): EntraErrorBody {
    const traceId = randomUUID();
    const timestamp = new Date()
      .toISOString()
      .replace('T', ' ')
      .replace(/\.\d+Z$/, 'Z');
    return {
      error: this.error,
      error_description: `AADSTS${this.aadsts}: ${this.description} Trace ID: ${traceId} Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
      error_codes: [this.aadsts],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      ...(this.suberror === undefined ? {} : { suberror: this.suberror }),
    };
  }
}
