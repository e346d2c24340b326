// What a story's functions in estate.mjs are handed: the agent's random stream, and the tool
// calls a task makes.

/** Collects the tool calls a story makes in one task. */
export class TaskScope {
  constructor(random) {
    this.random = random;
    this.calls = [];
  }
  int(a, b) {
    return this.random.int(a, b);
  }
  chance(p) {
    return this.random.chance(p);
  }
  around(n) {
    return this.random.around(n);
  }
  hourOf(w) {
    return this.random.hourOf(w);
  }
  call(tool, options = {}) {
    for (let i = 0; i < (options.times ?? 1); i++)
      this.calls.push({ tool, ...options });
  }
}
