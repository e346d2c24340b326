import { jsonText, wellFormedJson } from './json';

describe('wellFormedJson', () => {
  it.each([
    ['a lone high surrogate', String.raw`"a\ud800b"`, 'a\ufffdb'],
    ['a lone low surrogate', String.raw`"\uDC00"`, '\ufffd'],
    ['a pair in the wrong order', String.raw`"\udc00\ud83d"`, '\ufffd\ufffd'],
    [
      'an escaped pair (Python writes emoji so)',
      String.raw`"\ud83d\ude00"`,
      '😀',
    ],
    ['a backslash, then the text ud800', String.raw`"\\ud800"`, '\\ud800'],
    ['a backslash, then a lone surrogate', String.raw`"\\\ud800"`, '\\\ufffd'],
    [
      'text that looks like a high half, then a lone low surrogate',
      String.raw`"\\ud83d\udc00"`,
      '\\ud83d\ufffd',
    ],
  ])('reads %s as well-formed text', (_, text, expected) => {
    const value = JSON.parse(wellFormedJson(text));
    expect(value).toBe(expected);
    expect(value.isWellFormed()).toBe(true);
  });

  it('writes values with lone surrogates as JSON that PostgreSQL accepts', () => {
    expect(jsonText({ tool: 'lookup\ud800', ok: '😀' })).toBe(
      '{"tool":"lookup\\ufffd","ok":"😀"}',
    );
  });
});
