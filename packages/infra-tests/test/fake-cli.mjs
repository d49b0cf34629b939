// A stand-in for gcloud, az, aws (and sleep) in the infra tests: it appends its arguments to
// FAKE_CLI_LOG, then replays the first recording in FAKE_CLI_RECORDINGS (JSON: { "<program>":
// [{ "args": "<prefix of the joined arguments>", "stdout"?, "stderr"?, "code"?, "first"? }] })
// whose prefix the call starts with; a recording with `first: n` answers only the first n such
// calls. A call nothing was recorded for fails with status 97.
//   node fake-cli.mjs <program> <argument>...
import { appendFileSync, readFileSync } from 'node:fs';

const [program = '', ...args] = process.argv.slice(2);
const line = args.join(' ');
const log = process.env.FAKE_CLI_LOG;
if (log) appendFileSync(log, `${JSON.stringify([program, ...args])}\n`);
const earlier = log
  ? readFileSync(log, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .filter(([p]) => p === program)
      .map(([, ...a]) => a.join(' '))
  : [line];
const all = process.env.FAKE_CLI_RECORDINGS ? JSON.parse(readFileSync(process.env.FAKE_CLI_RECORDINGS, 'utf8')) : {};
const hit = (all[program] ?? []).find(
  (r) =>
    line.startsWith(r.args) && (r.first === undefined || earlier.filter((l) => l.startsWith(r.args)).length <= r.first),
);
if (!hit) {
  process.stderr.write(`fake ${program}: nothing recorded for: ${line}\n`);
  process.exit(97);
}
if (hit.stdout) process.stdout.write(hit.stdout);
if (hit.stderr) process.stderr.write(hit.stderr);
process.exit(hit.code ?? 0);
