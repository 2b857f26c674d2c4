// A subject that breaks the protocol on purpose (test/subject/external.test.ts): `node fakeSubject.mjs MODE`.
// It greets as the protocol requires (unless MODE breaks the greeting), then misbehaves on the first request.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const mode = process.argv[2];
/** A tag in the arguments of every process this subject starts, so that a test can look for survivors. */
const tag = process.argv[3] ?? 'untagged';
if (mode === 'ignore-eof' || mode === 'fork') setInterval(() => undefined, 1000); // outlives its input
if (mode === 'fork' || mode === 'fork-and-exit') {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => undefined, 1000)', tag], { stdio: 'ignore' });
  if (mode === 'fork-and-exit') child.unref(); // this subject ends on end of input, leaving its child running
}
const capabilities = mode === 'outputs-only' ? ['outputs'] : ['outputs', 'gradient', 'train', 'init'];
const send = (o) => process.stdout.write(`${typeof o === 'string' ? o : JSON.stringify(o)}\n`);
const zeros = (n) => Array.from({ length: n }, () => 0);

createInterface({ input: process.stdin }).on('line', (line) => {
  const r = JSON.parse(line);
  if (r.op === 'hello') {
    if (mode === 'crash-hello') {
      process.stderr.write('Traceback: ImportError: no module named torch\n');
      process.exit(3);
    }
    if (mode === 'garbage-hello') return send('Loading model... done');
    if (mode === 'wrong-protocol') return send({ id: r.id, protocol: 'resnet-mf/subject@0', name: 'old', capabilities });
    if (mode === 'bad-capability') return send({ id: r.id, protocol: r.protocol, name: 'fake', capabilities: ['outputs', 'hessian'] });
    return send({ id: r.id, protocol: r.protocol, name: `fake ${mode}`, capabilities });
  }
  if (mode === 'hang') return; // never answers
  if (mode === 'close-stdout') return process.stdout.end(); // and stays alive
  if (mode === 'giant') return send(`{"id":${r.id},"results":[${'0,'.repeat(1_000_000)}0]}`);
  if (mode === 'long-error') return send({ id: r.id, error: `RuntimeError: out of memory. ${'Tried to allocate 2.00 GiB. '.repeat(100)}the end` });
  if (mode === 'dup-key') return send(`{"id":${r.id},"id":${r.id},"results":[]}`);
  if (mode === 'crash') {
    process.stderr.write('Segmentation fault\n');
    process.exit(139);
  }
  if (mode === 'error-answer') return send({ id: r.id, error: 'ValueError: unknown activation gaussian' });
  if (mode === 'wrong-id') return send({ id: r.id + 7, results: [] });
  if (mode === 'malformed') return send('{"id": 1, "results": [');
  if (r.op === 'init') {
    // θ = 0 for every case (a wrong law, not a protocol error); 'short-init' answers one layer too few
    const theta = (c) => Array.from({ length: mode === 'short-init' ? c.L - 1 : c.L }, () => Array.from({ length: c.M }, () => zeros(2 * c.d + 1)));
    return send({ id: r.id, results: r.cases.map((c) => ({ theta: theta(c) })) });
  }
  const results = r.cases.map((c) => {
    const { L, M, d } = c.model;
    const grad = Array.from({ length: mode === 'short-grad' ? L - 1 : L }, () => Array.from({ length: M }, () => zeros(2 * d + 1)));
    if (r.op === 'train') return { theta: c.model.theta };
    return mode === 'nan-loss' ? { loss: 'NaN', outputs: zeros(c.data.y.length), grad } : { loss: 0, outputs: zeros(c.data.y.length), grad };
  });
  if (mode === 'inf-literal') return send(JSON.stringify({ id: r.id, results }).replace('"loss":0', '"loss":1e400'));
  send(`${mode === 'bom' ? '\uFEFF' : ''}${JSON.stringify({ id: r.id, results })}`);
});
