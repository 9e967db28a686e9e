// Field names whose values are secrets whatever they look like. Names are compared without case
// and separators, so "client_secret", "clientSecret" and "Client-Secret" are the same name.

const SECRET_NAME_PARTS = [
  'secret',
  'password',
  'passwd',
  'passphrase',
  'pwd',
  'token',
  'clientassertion',
  'authorization',
  'apikey',
  'credential',
  'certificate',
  'privatekey',
  'cookie',
  'connectionstring',
  'sastoken',
  'signature',
];

export function normaliseKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '');
}

export function isSecretKey(key: string): boolean {
  const name = normaliseKey(key);
  if (name === 'key' || name.endsWith('key')) return true;
  return SECRET_NAME_PARTS.some((part) => name.includes(part));
}

/**
 * `id`, `driveId`, `permission_ids`: values are Graph identifiers, not free text. The case or the
 * separator must mark the word, so `paid` or `valid` are not identifier names.
 */
export function isIdentifierKey(key: string): boolean {
  return /^ids?$/i.test(key) || /[a-z0-9](Ids?|IDs?|[_-]ids?)$/.test(key);
}
