import type { ReactNode } from 'react';
import { parseBlocks, parseInline, type Block, type Inline } from '../lib/markdown-blocks';

function renderInline(nodes: Inline[]): ReactNode[] {
  return nodes.map((node, i) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'code':
        return <code key={i}>{node.text}</code>;
      case 'strong':
        return <strong key={i}>{renderInline(node.children)}</strong>;
      case 'em':
        return <em key={i}>{renderInline(node.children)}</em>;
      case 'link':
        // Only web links become links; a repository-relative path would be a dead link on this site.
        return /^https?:\/\//.test(node.href) ? (
          <a key={i} href={node.href} rel="noreferrer">
            {renderInline(node.children)}
          </a>
        ) : (
          <span key={i}>{renderInline(node.children)}</span>
        );
    }
  });
}

const inline = (text: string) => renderInline(parseInline(text));

function BlockView({ block, headingOffset }: { block: Block; headingOffset: number }) {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${Math.min(6, block.level + headingOffset)}` as 'h3';
      return <Tag>{inline(block.text)}</Tag>;
    }
    case 'paragraph':
      return <p>{inline(block.text)}</p>;
    case 'code':
      return (
        <pre className="code-block" data-lang={block.lang || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case 'list': {
      const items = block.items.map((item, i) => <li key={i}>{inline(item)}</li>);
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div className="table-scroll">
          <table>
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  <th key={i} scope="col">
                    {inline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>{inline(cell)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'quote':
      return <blockquote>{inline(block.text)}</blockquote>;
  }
}

/** A Markdown document (the protocol docs) as React elements; headings shifted down to sit inside a page. */
export function MarkdownView({ markdown, headingOffset = 1 }: { markdown: string; headingOffset?: number }) {
  return (
    <div className="markdown">
      {parseBlocks(markdown).map((block, i) => (
        <BlockView key={i} block={block} headingOffset={headingOffset} />
      ))}
    </div>
  );
}
