/** Runs `work` over `inputs` with at most `limit` at a time, results in input order. */
export async function mapLimited<T, R>(
  inputs: readonly T[],
  limit: number,
  work: (input: T, index: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array(inputs.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, inputs.length) }, async () => {
    while (next < inputs.length) {
      const i = next++;
      out[i] = await work(inputs[i] as T, i);
    }
  });
  await Promise.all(lanes);
  return out;
}
