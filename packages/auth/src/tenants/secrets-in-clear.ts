// A registry names where secrets are; it never holds one. This finds the ways a secret gets pasted
// into one anyway: under a secret-sounding key, or as a value shaped like a client secret, a private
// key or a token. (audit-log scrubs the same shapes out of text; auth does not depend on it, and a
// registry needs a yes/no with a reason, not a scrubbed copy, so the few shapes are stated here.)

/**
 * The registry's own keys that name where a secret is, not the secret itself; compared like the
 * others, so a misspelt `secretenv` is reported as an unknown key rather than as a secret.
 */
const WHERE_A_SECRET_IS = new Set(
  [
    'secretEnv',
    'secretFile',
    'secretName',
    'certificateFile',
    'certificatePasswordEnv',
    'federatedTokenFile',
    'keyVault',
  ].map(normalise),
);

/** Compared without case and separators: `client_secret`, `clientSecret` and `Client-Secret` alike. */
const SECRET_KEY_PARTS = ['secret', 'password', 'passwd', 'passphrase', 'privatekey', 'token', 'assertion'];
const SECRET_KEYS = new Set(['certificate', 'cert', 'pem', 'pfx', 'key', 'credential', 'credentials']);

// Entra client secrets since 2021: 40 characters, "Q~" after a 3-character prefix and a digit.
const ENTRA_SECRET = /(?:^|[^A-Za-z0-9_.~-])[A-Za-z0-9_.-]{3}\dQ~[A-Za-z0-9_.~-]{34}(?![A-Za-z0-9_.~-])/;
// Older client secrets: one run of the secret alphabet with a "~", letters and digits, nothing else.
const SECRET_ALPHABET_VALUE = /^[A-Za-z0-9_.~-]{30,48}$/;
const PEM_BLOCK = /-----BEGIN [A-Z0-9 ]+-----/;
const JWT = /^eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*$/;

export interface SecretInClear {
  /** Where it is: object keys and array indexes from the document's root. */
  path: readonly (string | number)[];
  /** What was found, without the value: "a client secret", "a PEM private key"... */
  what: string;
}

function normalise(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isSecretKey(key: string): boolean {
  const name = normalise(key);
  if (WHERE_A_SECRET_IS.has(name)) return false;
  return SECRET_KEYS.has(name) || SECRET_KEY_PARTS.some((part) => name.includes(part));
}

/** What secret a string looks like, or undefined when it looks like none. */
export function secretShapeOf(value: string): string | undefined {
  const match = PEM_BLOCK.exec(value);
  if (match !== null) return match[0].includes('PRIVATE KEY') ? 'a PEM private key' : 'PEM text';
  const trimmed = value.trim();
  if (ENTRA_SECRET.test(value)) return 'a client secret';
  if (
    SECRET_ALPHABET_VALUE.test(trimmed) &&
    trimmed.includes('~') &&
    /[A-Za-z]/.test(trimmed) &&
    /[0-9]/.test(trimmed)
  ) {
    return 'a client secret';
  }
  if (JWT.test(trimmed)) return 'an access token';
  return undefined;
}

/** Every secret-named key and secret-shaped string (or key) in a parsed JSON document. */
export function findSecretsInClear(document: unknown): SecretInClear[] {
  const found: SecretInClear[] = [];
  const visit = (value: unknown, path: (string | number)[]): void => {
    if (typeof value === 'string') {
      const what = secretShapeOf(value);
      if (what !== undefined) found.push({ path, what });
      return;
    }
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        visit(item, [...path, index]);
      });
      return;
    }
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      const keyShape = secretShapeOf(key);
      if (keyShape !== undefined) {
        // The key itself is the secret: name the object it sits in, never the key.
        found.push({ path, what: `${keyShape} as a key` });
        continue;
      }
      if (isSecretKey(key) && item !== null && item !== '' && typeof item !== 'boolean') {
        found.push({ path: [...path, key], what: `a "${key}" value` });
        continue;
      }
      visit(item, [...path, key]);
    }
  };
  visit(document, []);
  return found;
}
