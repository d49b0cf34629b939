import { createServer } from 'node:net';

/** A port `pnpm start` needs, and the option that moves it. */
export interface WantedPort {
  port: number;
  /** e.g. "AWS (serverless-offline)" */
  what: string;
  /** e.g. "--aws-port" */
  option: string;
}

/** Why a port option's value cannot be used, or undefined when it can. */
export function badPort(text: string): string | undefined {
  const n = Number(text);
  return /^\d+$/.test(text) && n >= 1 && n <= 65535
    ? undefined
    : `must be a port number from 1 to 65535, not "${text}"`;
}

/**
 * Why the port cannot be listened on, or undefined when it is free. Probing every IPv4 address
 * also finds a server on loopback only, and the emulators bind either.
 */
export function portProblem(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', (err: NodeJS.ErrnoException) =>
      resolve(err.code === 'EACCES' ? 'cannot be opened by this user' : 'is already in use'),
    );
    probe.listen({ port, host: '0.0.0.0', exclusive: true }, () => probe.close(() => resolve(undefined)));
  });
}

/** The wanted ports that are taken, or that two emulators would share. */
export async function conflicts(wanted: WantedPort[]): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Map<number, WantedPort>();
  for (const w of wanted) {
    const first = seen.get(w.port);
    if (first) problems.push(`port ${w.port} is given to both ${first.what} and ${w.what}: change ${w.option}.`);
    else seen.set(w.port, w);
  }
  const found = await Promise.all([...seen.values()].map(async (w) => [w, await portProblem(w.port)] as const));
  for (const [w, problem] of found)
    if (problem)
      problems.push(`port ${w.port} ${problem}: ${w.what} needs it. Choose another with ${w.option} <port>.`);
  return problems;
}
