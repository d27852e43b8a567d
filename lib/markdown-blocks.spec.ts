import { describe, expect, it } from 'vitest';
import { parseBlocks, parseInline } from './markdown-blocks';

describe('parseBlocks', () => {
  it('reads headings, paragraphs, fenced code, lists, tables and quotes', () => {
    const markdown = [
      '# WebSocket — `ws://HOST/ws`',
      '',
      'One long-lived',
      'connection.',
      '',
      '```sh',
      'npx wscat -c ws://127.0.0.1:8080/ws',
      '',
      '> not a quote inside code',
      '```',
      '- first',
      '  continued',
      '- second',
      '',
      '1. one',
      '2. two',
      '',
      '| type | reply |',
      '|---|:---:|',
      '| `predict` | `result` \\| `error` |',
      '',
      '> a quote',
      '> on two lines',
    ].join('\n');
    expect(parseBlocks(markdown)).toEqual([
      { type: 'heading', level: 1, text: 'WebSocket — `ws://HOST/ws`' },
      { type: 'paragraph', text: 'One long-lived connection.' },
      { type: 'code', lang: 'sh', text: 'npx wscat -c ws://127.0.0.1:8080/ws\n\n> not a quote inside code' },
      { type: 'list', ordered: false, items: ['first continued', 'second'] },
      { type: 'list', ordered: true, items: ['one', 'two'] },
      { type: 'table', header: ['type', 'reply'], rows: [['`predict`', '`result` | `error`']] },
      { type: 'quote', text: 'a quote on two lines' },
    ]);
  });

  it('ends a paragraph at a heading or a fence', () => {
    expect(parseBlocks('text\n## Next\nmore\n```\ncode\n```')).toEqual([
      { type: 'paragraph', text: 'text' },
      { type: 'heading', level: 2, text: 'Next' },
      { type: 'paragraph', text: 'more' },
      { type: 'code', lang: '', text: 'code' },
    ]);
  });
});

describe('parseInline', () => {
  it('reads code, bold, italics and links', () => {
    expect(parseInline('Use `id` with **every *single* one** [request](https://x.dev/a) _now_.')).toEqual([
      { type: 'text', text: 'Use ' },
      { type: 'code', text: 'id' },
      { type: 'text', text: ' with ' },
      {
        type: 'strong',
        children: [{ type: 'text', text: 'every ' }, { type: 'em', children: [{ type: 'text', text: 'single' }] }, { type: 'text', text: ' one' }],
      },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://x.dev/a', children: [{ type: 'text', text: 'request' }] },
      { type: 'text', text: ' ' },
      { type: 'em', children: [{ type: 'text', text: 'now' }] },
      { type: 'text', text: '.' },
    ]);
  });

  it('leaves snake_case words and lone stars alone', () => {
    expect(parseInline('a snake_case_name and 2 * 3 * 4')).toEqual([{ type: 'text', text: 'a snake_case_name and 2 * 3 * 4' }]);
  });
});
