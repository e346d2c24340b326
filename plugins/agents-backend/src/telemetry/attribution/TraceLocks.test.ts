import { TraceLocks } from './TraceLocks';

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  promise.then(() => (done = true));
  await new Promise(resolve => setImmediate(resolve));
  return done;
};

describe('TraceLocks', () => {
  it('makes a group wait for the traces another holds, and only for those', async () => {
    const locks = new TraceLocks();
    const releaseFirst = await locks.acquire(['trace-b', 'trace-a']);

    const sharing = locks.acquire(['trace-c', 'trace-b']);
    const apart = locks.acquire(['trace-d']);
    expect(await settled(apart)).toBe(true);
    expect(await settled(sharing)).toBe(false);

    releaseFirst();
    expect(await settled(sharing)).toBe(true);
  });

  it('never leaves two groups that want the same traces, named in opposite orders, waiting for each other', async () => {
    const locks = new TraceLocks();
    const releaseHolder = await locks.acquire(['b']);
    const finished: string[] = [];
    const hold = async (name: string, traces: string[]) => {
      const release = await locks.acquire(traces);
      finished.push(name);
      release();
    };
    const both = Promise.all([
      hold('b then a', ['b', 'a']),
      hold('a then b', ['a', 'b']),
    ]);
    await new Promise(resolve => setImmediate(resolve));
    releaseHolder();
    await both;
    expect(finished).toHaveLength(2);
  });
});
