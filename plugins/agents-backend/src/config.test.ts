import { ConfigReader } from '@backstage/config';
import { DEFAULT_READER_THREADS, readAgentsConfig } from './config';

const withOtlp = (otlp: object) =>
  readAgentsConfig(new ConfigReader({ agents: { otlp } }));

describe('agents.otlp.readerThreads', () => {
  it('defaults to the cores the event loop leaves, at most 4, and takes 0 to read on the event loop', () => {
    expect(withOtlp({}).otlp.readerThreads).toBe(DEFAULT_READER_THREADS);
    expect(DEFAULT_READER_THREADS).toBeLessThanOrEqual(4);
    expect(withOtlp({ readerThreads: 0 }).otlp.readerThreads).toBe(0);
    expect(withOtlp({ readerThreads: 3 }).otlp.readerThreads).toBe(3);
  });

  it.each([-1, 1.5])('refuses %p naming the key and what it takes', value => {
    expect(() => withOtlp({ readerThreads: value })).toThrow(
      `agents.otlp.readerThreads: must be a whole number, 0 or more; got ${value}`,
    );
  });

  it('still refuses 0 where a positive number is needed', () => {
    expect(() => withOtlp({ maxBodySize: 0 })).toThrow(
      'agents.otlp.maxBodySize: must be a positive whole number; got 0',
    );
  });
});
