// Which files the content scan reads: text formats only (Office files are zip containers and are
// not parsed here).
const TEXT_EXTENSIONS = new Set([
  'txt',
  'csv',
  'tsv',
  'json',
  'xml',
  'config',
  'yml',
  'yaml',
  'env',
  'ini',
  'properties',
  'pem',
  'key',
  'ps1',
  'sh',
  'bat',
  'cmd',
  'sql',
  'log',
  'md',
  'tf',
  'tfvars',
  'conf',
  'cfg',
  'js',
  'ts',
  'py',
  'cs',
]);

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name.toLowerCase() : name.slice(dot + 1).toLowerCase();
}

export function isTextFile(name: string): boolean {
  return TEXT_EXTENSIONS.has(extensionOf(name));
}
