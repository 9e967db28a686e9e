/**
 * A problem with what the caller sent (a bad cursor, an unknown id format, contradictory filters).
 * Its message is written for the model and goes back verbatim as an `isError` result.
 */
export class ToolInputError extends Error {
  override readonly name = 'ToolInputError';
}
