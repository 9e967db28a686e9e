// Shared wording of the errors Graph and the admin APIs beyond it answer: the code a bare status
// stands for, and how much of a service's own message a summary keeps.

/** A service's message (it can echo input) is kept to this many characters: enough to act on. */
export const MAX_MESSAGE = 400;

/** The code an answer without one of its own stands for. */
export function defaultErrorCode(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 404) return 'NotFound';
  if (status === 403) return 'Forbidden';
  if (status === 401) return 'Unauthorized';
  if (status === 400) return 'BadRequest';
  if (status >= 500) return 'ServiceError';
  return `Http${status}`;
}

export function truncateMessage(text: string): string {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
