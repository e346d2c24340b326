/** USD per million tokens (input, output), as the gateway prices them. */
export const PRICES = {
  'claude-opus-4-5': [5, 25],
  'claude-sonnet-4-5': [3, 15],
  'claude-haiku-4-5': [1, 5],
  'gpt-5': [1.25, 10],
  'gpt-5-mini': [0.25, 2],
};
