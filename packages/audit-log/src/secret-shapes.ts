// Secrets recognised by what they look like, wherever they appear inside a string. Each pattern
// replaces only the secret part, so the rest of a message (e.g. an error summary) stays readable.

export const REDACTED = '[redacted]';

// A JWT (access token, id token, client assertion): three base64url parts, header starts with '{"'.
const JWT = /eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;

// An Authorization header value, or any "Bearer …"/"Basic …" fragment.
const AUTH_SCHEME = /\b(Bearer|Basic|Negotiate|PoP)\s+[A-Za-z0-9._~+/=-]{6,}/gi;

// PEM blocks (private keys, certificates, PKCS#12 dumped as PEM), also a block cut off mid-way.
const PEM = /-----BEGIN [A-Z0-9 ]+-----[\s\S]*?(?:-----END [A-Z0-9 ]+-----|$)/g;

// key=value secrets inside connection strings, SAS URLs and form bodies.
const ASSIGNED_SECRET =
  /\b(AccountKey|SharedAccessKey|SharedAccessSignature|sig|password|pwd|client_secret|client_assertion|access_token|refresh_token|id_token|code_verifier|apikey|api_key)=("[^"]*"|'[^']*'|[^;&\s"']+)/gi;

// Runs of characters that Entra client secrets are made of. Current secrets are 40 characters
// with "Q~" after a 3-character prefix and a digit; all secrets since 2021 contain "~".
const SECRET_ALPHABET_RUN = /[A-Za-z0-9_.~-]{30,48}/g;

// Long base64 blobs (keys, PFX files, SAS signatures). Random data of this length carries upper
// case, lower case and digits; identifiers and paths rarely do all three without separators.
const BASE64_RUN = /[A-Za-z0-9+/_]{40,}={0,2}/g;

function looksLikeClientSecret(run: string): boolean {
  return run.includes('~') && /[A-Za-z]/.test(run) && /[0-9]/.test(run);
}

function looksLikeBase64Blob(run: string): boolean {
  return /[A-Z]/.test(run) && /[a-z]/.test(run) && /[0-9]/.test(run);
}

/**
 * Graph URLs in a write plan carry drive ids (`b!…`) and permission ids as path segments; secrets
 * travel in query strings and bodies (handled above), not there.
 */
function isUrlPathSegmentOrDriveId(text: string, offset: number, length: number): boolean {
  if (text.slice(Math.max(0, offset - 2), offset) === 'b!') return true;
  const before = text[offset - 1];
  const after = text[offset + length];
  return (
    before === '/' &&
    (after === undefined || after === '/' || after === '?' || /\s/.test(after)) &&
    text.lastIndexOf('://', offset) !== -1
  );
}

export interface ScrubOptions {
  /**
   * The text is a Graph identifier (a field named like `driveId`): drive and permission ids are
   * long base64, so the blob rule would erase the very target an audit line must name.
   */
  identifier?: boolean;
}

export function scrubSecretShapes(text: string, options: ScrubOptions = {}): string {
  const scrubbed = text
    .replace(PEM, REDACTED)
    .replace(JWT, REDACTED)
    .replace(AUTH_SCHEME, (_match, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(ASSIGNED_SECRET, (_match, name: string) => `${name}=${REDACTED}`)
    .replace(SECRET_ALPHABET_RUN, (run) => (looksLikeClientSecret(run) ? REDACTED : run));
  return options.identifier === true
    ? scrubbed
    : scrubbed.replace(BASE64_RUN, (run, offset: number, whole: string) =>
        looksLikeBase64Blob(run) && !isUrlPathSegmentOrDriveId(whole, offset, run.length) ? REDACTED : run,
      );
}
