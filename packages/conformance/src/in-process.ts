import type { InProcessRuntime } from '@cityscope/core/preset';
import { loadPresets } from '@cityscope/targets';

export { fetchExchange, type InProcessRuntime } from '@cityscope/core/preset';

/**
 * Each runtime in-process, through its platform's own types, as its preset runs it:
 * the core handler (node), API Gateway events into the Lambda handler (aws), the
 * Functions Framework's testing server (gcp), and the @azure/functions constructors
 * (azure). Settings must be in process.env before this runs.
 */
export async function loadInProcessRuntimes(): Promise<InProcessRuntime[]> {
  return Promise.all((await loadPresets()).map((preset) => preset.inProcess()));
}
