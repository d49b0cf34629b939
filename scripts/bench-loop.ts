/**
 * How long `/health` waits while /analyze works: `cityscope serve` from this tree and from a
 * baseline tree (both from their sources through tsx, both running for the whole run) is
 * sent 1, 4 and 8 POST /analyze at once of each input, while `/health` is asked every 10 ms
 * beside them; the trees take turns, input by input. Reports /health's p99 and max, the wall
 * time of the batch and the server's CPU time for it (/health's share included); first,
 * /health alone for a second (the floor that other work on the machine sets).
 *
 * Run: `pnpm exec tsx scripts/bench-loop.ts` (Node 22 too: NODE=/path/to/node22).
 * Settings: BASELINE_REF (f5d6f45) or BASE (a ready baseline tree), NODE (the server's node),
 * ROUNDS (2), CONCURRENCY (1,4,8), INPUTS (prose, newlines: "a" and 99,999 line feeds, mixed:
 * " \n\t.\r\n\u2028" repeated; 100,000 characters each).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { out, progress } from './bench-lib.js';
import { baselineTree, root, serveFrom } from './bench-serve.js';

const INPUTS: Record<string, string> = {
  prose: 'The quick brown fox jumps over the lazy dog. '.repeat(2223).slice(0, 100_000),
  newlines: `a${'\n'.repeat(99_999)}`,
  mixed: `a${' \n\t.\r\n\u2028'.repeat(14_285)}`,
};
const names = process.env.INPUTS ? process.env.INPUTS.split(',') : Object.keys(INPUTS);
const CONCURRENCY = (process.env.CONCURRENCY ?? '1,4,8').split(',').map(Number);
const ROUNDS = Number(process.env.ROUNDS ?? 2);
const BASELINE_REF = process.env.BASELINE_REF ?? 'f5d6f45';
const NODE = process.env.NODE ?? process.execPath;

interface Figures {
  health: number[];
  wall: number[];
  /** The server's CPU time (user + system) for the batch. */
  cpu: number[];
}

/** A process's CPU time so far, in ms (utime + stime of /proc/<pid>/stat, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** `n` POST /analyze of `text` at once against the server, /health every 10 ms beside them. */
async function batch({ url, pid }: Server, text: string, n: number, into: Figures): Promise<void> {
  const body = JSON.stringify({ text, keywords: 50, sentences: 20 });
  let on = true;
  const poll = (async () => {
    while (on) {
      const t = performance.now();
      await (await fetch(`${url}/health`)).arrayBuffer();
      into.health.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const cpu = cpuMs(pid);
  const t = performance.now();
  // n = 0: nothing beside /health for a second, the floor the machine's other work sets
  if (n === 0) await new Promise((r) => setTimeout(r, 1000));
  await Promise.all(
    Array.from({ length: n }, async () => {
      const res = await fetch(`${url}/analyze`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      if (res.status !== 200) throw new Error(`/analyze: ${res.status} ${await res.text()}`);
      await res.arrayBuffer();
    }),
  );
  into.wall.push(performance.now() - t);
  into.cpu.push(cpuMs(pid) - cpu);
  on = false;
  await poll;
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

const trees: [string, string][] = [
  ['this tree', root],
  [`baseline ${BASELINE_REF}`, process.env.BASE ?? baselineTree(BASELINE_REF, 'bench-loop')],
];
const env = { LOG_LEVEL: 'warn', WIKIPEDIA_BASE_URL: 'http://127.0.0.1:9', WIKIDATA_BASE_URL: 'off' };
interface Server {
  url: string;
  pid: number;
}
const started = await Promise.all(trees.map(([, tree]) => serveFrom(tree, env, NODE)));
const servers: Server[] = started.map(({ child, url }) => ({ url, pid: child.pid as number }));
try {
  const version = execFileSync(NODE, ['--version'], { encoding: 'utf8' }).trim();
  progress(`loop: /health beside /analyze, ${version}, ${ROUNDS} rounds`);
  for (const server of servers) {
    await batch(server, 'Warm up the route. And its vocabulary, with a few more words.', 1, {
      health: [],
      wall: [],
      cpu: [],
    });
  }
  out(`### /health beside POST /analyze through cityscope serve (${version}, ${ROUNDS} rounds)\n`);
  out('| input | at once | build | /health p99 | /health max | batch wall (median) | server CPU (median) |');
  out('|---|---|---|---|---|---|---|');
  for (const name of names) {
    for (const n of name === names[0] ? [0, ...CONCURRENCY] : CONCURRENCY) {
      const figures = trees.map((): Figures => ({ health: [], wall: [], cpu: [] }));
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 ? [1, 0] : [0, 1];
        for (const i of order) await batch(servers[i] as Server, INPUTS[name] as string, n, figures[i] as Figures);
      }
      trees.forEach(([build], i) => {
        const f = figures[i] as Figures;
        const cells = [quantile(f.health, 0.99), Math.max(...f.health), quantile(f.wall, 0.5), quantile(f.cpu, 0.5)];
        const [p99, max, wall, cpu] = cells.map(Math.round);
        out(`| ${n ? name : 'nothing (floor)'} | ${n} | ${build} | ${p99} ms | ${max} ms | ${wall} ms | ${cpu} ms |`);
      });
    }
  }
  out();
} finally {
  for (const { child } of started) child.kill();
}
