// $select: the properties asked for, plus `id` (always kept, as Graph does) and OData annotations.
export function selectProperties(item: object, select: readonly string[] | undefined): object {
  if (!select || select.length === 0 || select.includes('*')) return item;
  const wanted = new Set(select.map((s) => s.toLowerCase()));
  wanted.add('id');
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(item)) {
    if (wanted.has(key.toLowerCase()) || key.startsWith('@odata.')) out[key] = value;
  }
  return out;
}
