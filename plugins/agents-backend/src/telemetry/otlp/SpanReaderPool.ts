import {
  Worker,
  isMainThread,
  parentPort,
  workerData,
} from 'node:worker_threads';
import { MalformedOtlpError } from './decodeTraces';
import { OtlpFormat, ReadSpans, SpanReading, readSpans } from './readSpans';

/** Marks the workers this module starts (the module is their entry point too). */
const WORKER_DATA_KEY = 'mandateSpanReader';

interface Task {
  id: number;
  body: Uint8Array;
  format: OtlpFormat;
}

type Answer =
  | { id: number; json: string }
  | { id: number; malformed: string }
  | { id: number; failed: string };

interface Reader {
  worker: Worker;
  waiting: Map<
    number,
    { resolve(read: ReadSpans): void; reject(error: Error): void }
  >;
}

/**
 * Decodes and reads OTLP request bodies on worker threads, so that a flood of telemetry
 * does not hold up the backend's event loop (its other routes, and the database writes of
 * the spans read before). Each body goes to the reader with the fewest waiting; with no
 * threads, bodies are read on the calling thread.
 */
export class SpanReaderPool {
  private readonly readers: Array<Reader | undefined>;
  private nextId = 1;
  private closed = false;

  constructor(
    private readonly options: {
      /** Worker threads; 0 reads on the calling thread. */
      threads: number;
      reading: SpanReading;
    },
  ) {
    this.readers = new Array(options.threads).fill(undefined);
  }

  /** Reads one request body. Rejects with MalformedOtlpError when it cannot be decoded. */
  async read(body: Uint8Array, format: OtlpFormat): Promise<ReadSpans> {
    if (this.readers.length === 0 || this.closed) {
      return readSpans(body, format, this.options.reading);
    }
    const reader = this.leastBusy();
    const id = this.nextId++;
    return new Promise<ReadSpans>((resolve, reject) => {
      reader.waiting.set(id, { resolve, reject });
      reader.worker.postMessage({ id, body, format } satisfies Task);
    });
  }

  /** The reader threads running, and the bodies waiting for them. */
  stats(): { threads: number; waiting: number } {
    const running = this.readers.filter((r): r is Reader => Boolean(r));
    return {
      threads: running.length,
      waiting: running.reduce((sum, r) => sum + r.waiting.size, 0),
    };
  }

  /** Stops the workers; bodies read after this are read on the calling thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.readers.map(reader => reader?.worker.terminate()));
  }

  private leastBusy(): Reader {
    let best = 0;
    for (let i = 0; i < this.readers.length; i++) {
      const reader = this.readers[i];
      if (!reader) return (this.readers[i] = this.start(i));
      if (reader.waiting.size < this.readers[best]!.waiting.size) best = i;
    }
    return this.readers[best]!;
  }

  private start(slot: number): Reader {
    const worker = new Worker(__filename, {
      workerData: { [WORKER_DATA_KEY]: this.options.reading },
      execArgv: workerExecArgv(),
    });
    worker.unref();
    const reader: Reader = { worker, waiting: new Map() };
    worker.on('message', (answer: Answer) => {
      const task = reader.waiting.get(answer.id);
      if (!task) return;
      reader.waiting.delete(answer.id);
      if ('json' in answer) task.resolve(JSON.parse(answer.json));
      else if ('malformed' in answer) {
        task.reject(new MalformedOtlpError(answer.malformed));
      } else task.reject(new Error(`Reading spans failed: ${answer.failed}`));
    });
    const lost = (why: string) => {
      // The next body starts a new reader in this slot.
      if (this.readers[slot] === reader) this.readers[slot] = undefined;
      for (const task of reader.waiting.values()) {
        task.reject(new Error(`The span reader thread ${why}`));
      }
      reader.waiting.clear();
    };
    worker.on('error', error => lost(`failed: ${String(error)}`));
    worker.on('exit', code =>
      lost(
        this.closed
          ? 'was stopped: the backend is shutting down'
          : `exited with code ${code}`,
      ),
    );
    return reader;
  }
}

/**
 * The workers' Node options: the backend's own, plus the require hook that transpiles
 * TypeScript when this module runs as source without it (under jest).
 */
function workerExecArgv(): string[] | undefined {
  const hook = '@backstage/cli/config/nodeTransform.cjs';
  if (
    !__filename.endsWith('.ts') ||
    process.execArgv.some(arg => arg.includes('nodeTransform'))
  ) {
    return undefined;
  }
  return [...process.execArgv, '--require', require.resolve(hook)];
}

/** A worker's loop: read each body it is sent and answer with the spans as JSON. */
function serve(reading: SpanReading) {
  parentPort!.on('message', ({ id, body, format }: Task) => {
    let answer: Answer;
    try {
      // JSON is parsed on the event loop several times faster than a clone of the objects.
      answer = { id, json: JSON.stringify(readSpans(body, format, reading)) };
    } catch (error) {
      answer =
        error instanceof MalformedOtlpError
          ? { id, malformed: error.message }
          : { id, failed: String((error as Error)?.message ?? error) };
    }
    parentPort!.postMessage(answer);
  });
}

if (!isMainThread && workerData?.[WORKER_DATA_KEY]) {
  serve(workerData[WORKER_DATA_KEY]);
}
