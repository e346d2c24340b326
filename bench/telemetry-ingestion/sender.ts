/*
 * The collector of the ingestion benchmark, in its own process so that the receiver's
 * process does the receiver's work only: builds its requests, says "ready", and on "go"
 * posts them IN_FLIGHT at a time; answers the number of spans sent.
 */
import { CONTENT_TYPES, Pattern, bodies } from './traffic';

const IN_FLIGHT = 4;

const options = JSON.parse(process.argv[2]) as {
  url: string;
  pattern: Pattern;
  format: 'json' | 'protobuf';
  first: number;
  total: number;
  now: number;
};

async function send(requests: Buffer[]) {
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const body = requests[next++];
      const res = await fetch(options.url, {
        method: 'POST',
        headers: { 'Content-Type': CONTENT_TYPES[options.format] },
        body,
      });
      if (res.status !== 200) {
        throw new Error(`${res.status} ${await res.text()}`);
      }
      await res.arrayBuffer();
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

const requests = bodies(options);
process.send!({ bench: 'ready' });
process.on('message', message => {
  if ((message as { bench?: string })?.bench !== 'go') return;
  send(requests).then(
    () => process.send!({ bench: 'done' }, () => process.exit(0)),
    error => process.send!({ bench: String(error) }, () => process.exit(1)),
  );
});
