// Deterministic randomness: one stream per agent, so editing one story leaves the others.

export const SEED = 20261121;

function hash(text) {
  let h = 2166136261 ^ SEED;
  for (let i = 0; i < text.length; i++) {
    h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  }
  return h >>> 0;
}

/** A seeded random stream, named after the agent that draws from it. */
export class Random {
  constructor(name) {
    this.state = hash(name);
  }

  /** mulberry32: a float in [0, 1). */
  next() {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min, max) {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p) {
    return this.next() < p;
  }

  pick(items) {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `n` give or take 15%. */
  around(n) {
    return Math.round(n * (0.85 + 0.3 * this.next()));
  }

  hourOf(weights) {
    let left = this.next() * weights.reduce((a, b) => a + b, 0);
    for (let hour = 0; hour < weights.length; hour++) {
      left -= weights[hour];
      if (left < 0) return hour;
    }
    return weights.length - 1;
  }

  /** Skewed like latencies: mostly near `median`, now and then several times longer. */
  latency(median) {
    return Math.max(
      5,
      Math.round(median * Math.exp((this.next() - 0.5) * 1.6)),
    );
  }
}
