// Detectors of sensitive data in text, each with a validator where one exists (Luhn for card
// numbers, ISO 7064 mod 97 for IBANs), so test numbers that fail their checksum are not reported.
// Matches are masked before they leave this module: the secret itself is never returned.

export type SensitiveKind =
  | 'payment_card'
  | 'iban'
  | 'us_ssn'
  | 'private_key'
  | 'aws_access_key'
  | 'azure_storage_key'
  | 'github_token'
  | 'password_assignment'
  | 'connection_string_password';

export interface SensitiveMatch {
  kind: SensitiveKind;
  /** 1-based line of the match. */
  line: number;
  /** The match with all but a few characters hidden. */
  masked: string;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length >= 13 && sum % 10 === 0;
}

export function ibanValid(iban: string): boolean {
  const s = iban.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of rearranged) {
    const value = ch >= 'A' && ch <= 'Z' ? String(ch.charCodeAt(0) - 55) : ch;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/** US SSN validity rules (area not 000, 666 or 9xx; group and serial not zero). */
export function ssnValid(ssn: string): boolean {
  const [area, group, serial] = ssn.split('-');
  if (!area || !group || !serial) return false;
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  return group !== '00' && serial !== '0000';
}

/** Keeps the first `head` and last `tail` characters. */
export function mask(value: string, head = 0, tail = 4): string {
  if (value.length <= head + tail) return '*'.repeat(value.length);
  return `${value.slice(0, head)}${'*'.repeat(Math.min(12, value.length - head - tail))}${value.slice(value.length - tail)}`;
}

interface Detector {
  kind: SensitiveKind;
  pattern: RegExp;
  /** The matched secret (or undefined to drop the match). */
  accept(m: RegExpExecArray): string | undefined;
  masked(secret: string): string;
}

const DETECTORS: Detector[] = [
  {
    kind: 'payment_card',
    pattern: /(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])/g,
    accept: (m) => {
      const digits = m[0].replace(/[ -]/g, '');
      return digits.length >= 13 && digits.length <= 19 && /^[3-6]/.test(digits) && luhnValid(digits)
        ? digits
        : undefined;
    },
    masked: (d) => mask(d, 0, 4),
  },
  {
    kind: 'iban',
    pattern: /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b/g,
    accept: (m) => (ibanValid(m[0]) ? m[0].replace(/\s+/g, '') : undefined),
    masked: (v) => mask(v, 2, 4),
  },
  {
    kind: 'us_ssn',
    pattern: /\b\d{3}-\d{2}-\d{4}\b/g,
    accept: (m) => (ssnValid(m[0]) ? m[0] : undefined),
    masked: (v) => mask(v, 0, 4),
  },
  {
    kind: 'private_key',
    pattern: /-----BEGIN (?:RSA |EC |DSA |OPENSSH |ENCRYPTED )?PRIVATE KEY-----/g,
    accept: (m) => m[0],
    masked: (v) => v.replace(/-----/g, '').trim(),
  },
  {
    kind: 'aws_access_key',
    pattern: /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/g,
    accept: (m) => m[0],
    masked: (v) => mask(v, 4, 4),
  },
  {
    kind: 'azure_storage_key',
    pattern: /AccountKey=([A-Za-z0-9+/]{80,88}={0,2})/g,
    accept: (m) => m[1],
    masked: (v) => mask(v, 0, 4),
  },
  {
    kind: 'github_token',
    pattern: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/g,
    accept: (m) => m[0],
    masked: (v) => mask(v, 4, 2),
  },
  {
    kind: 'connection_string_password',
    pattern: /\b(?:Password|Pwd)=([^;"'\s]{4,})/gi,
    accept: (m) => m[1],
    masked: (v) => mask(v, 0, 0),
  },
  {
    kind: 'password_assignment',
    pattern:
      /["']?(?:password|passwd|secret|secretaccesskey|client_secret|api[_-]?key)["']?\s*[:=]\s*["']([^"'\s]{6,})["']/gi,
    accept: (m) => m[1],
    masked: (v) => mask(v, 0, 0),
  },
];

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text.charCodeAt(i) === 10) line += 1;
  return line;
}

/** Every validated match, masked; at most `max` of them. */
export function detectSensitive(text: string, max = 50): SensitiveMatch[] {
  const out: SensitiveMatch[] = [];
  for (const detector of DETECTORS) {
    detector.pattern.lastIndex = 0;
    for (let m = detector.pattern.exec(text); m !== null; m = detector.pattern.exec(text)) {
      const secret = detector.accept(m);
      if (secret === undefined) continue;
      out.push({ kind: detector.kind, line: lineAt(text, m.index), masked: detector.masked(secret) });
      if (out.length >= max) return out;
    }
  }
  return out;
}
