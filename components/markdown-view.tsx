import Markdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';

// A server component: react-markdown runs while the page is rendered (statically), so none of it ships to the browser.
// Raw HTML in a document is shown as text, never injected.

type HeadingTag = 'h1' | 'h2' | 'h3' | 'h4' | 'h5' | 'h6';
const LEVELS = [1, 2, 3, 4, 5, 6] as const;

/** The fence's language, from the `language-…` class remark gives the code inside a pre. */
function languageOf(className: unknown): string | undefined {
  const classes = Array.isArray(className) ? className.map(String) : [];
  return classes.find((name) => name.startsWith('language-'))?.slice('language-'.length);
}

const COMPONENTS: Components = {
  pre: ({ node, ...props }) => {
    const code = node?.children[0];
    return <pre className="code-block" data-lang={code?.type === 'element' ? languageOf(code.properties.className) : undefined} {...props} />;
  },
  table: ({ node: _node, ...props }) => (
    <div className="table-scroll">
      <table {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => <th scope="col" {...props} />,
  // Only web links become links; a repository-relative path would be a dead link on this site.
  a: ({ node: _node, href, children, ...props }) =>
    href && /^https?:\/\//.test(href) ? (
      <a href={href} rel="noreferrer" {...props}>
        {children}
      </a>
    ) : (
      <span>{children}</span>
    ),
};

function withHeadingOffset(offset: number): Components {
  const components: Components = { ...COMPONENTS };
  for (const level of LEVELS) {
    const Tag = `h${Math.min(6, level + offset)}` as HeadingTag;
    components[`h${level}` as HeadingTag] = ({ node: _node, ...props }) => <Tag {...props} />;
  }
  return components;
}

/** A Markdown document (the protocol docs) as React elements; headings shifted down to sit inside a page. */
export function MarkdownView({ markdown, headingOffset = 1 }: { markdown: string; headingOffset?: number }) {
  return (
    <div className="markdown">
      <Markdown remarkPlugins={[remarkGfm]} components={withHeadingOffset(headingOffset)}>
        {markdown}
      </Markdown>
    </div>
  );
}
