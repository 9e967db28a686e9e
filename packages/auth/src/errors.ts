/**
 * A setting is missing, malformed or contradicts another. The message names the variable(s) to
 * set or unset, and never includes a secret's value.
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  readonly variables: readonly string[];

  constructor(message: string, variables: readonly string[]) {
    super(message);
    this.variables = variables;
  }
}
