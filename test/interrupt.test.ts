/** listenForInterrupt (src/interrupt.ts): one SIGINT sets the flag and calls back; after stop() it no longer listens. */
import { describe, expect, it } from 'vitest';
import { listenForInterrupt } from '../src/interrupt.js';

describe('listenForInterrupt', () => {
  it('turns interrupted() true on SIGINT, calls back once, and removes its listener on stop()', () => {
    const before = process.listenerCount('SIGINT');
    let calls = 0;
    const ctrlC = listenForInterrupt(() => calls++);
    expect(process.listenerCount('SIGINT')).toBe(before + 1);
    expect(ctrlC.interrupted()).toBe(false);
    process.emit('SIGINT');
    expect([ctrlC.interrupted(), calls]).toEqual([true, 1]);
    ctrlC.stop();
    expect(process.listenerCount('SIGINT')).toBe(before);
    const other = listenForInterrupt();
    other.stop();
    expect(process.listenerCount('SIGINT')).toBe(before);
    expect(other.interrupted()).toBe(false);
  });
});
