/** A response body as JSON, for tests whose assertions check its shape. */
// biome-ignore lint/suspicious/noExplicitAny: the assertions that follow are the type check
export async function json(res: Response): Promise<any> {
  return res.json();
}
