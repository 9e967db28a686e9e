import { readFile } from 'node:fs/promises';
import { z } from 'zod';

const lineSchema = z.looseObject({
  tool: z.string(),
  outcome: z.string(),
  arguments: z.record(z.string(), z.unknown()).optional(),
  detail: z.unknown().optional(),
  requestIds: z.array(z.string()).optional(),
});

export async function readAudit(path: string): Promise<z.infer<typeof lineSchema>[]> {
  const text = await readFile(path, 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => lineSchema.parse(JSON.parse(line)));
}
