import type { ReactNode } from 'react';

/** **bold** spans of one line as React nodes (text stays text: React escapes it). */
function inline(text: string, key: string): ReactNode[] {
  return text.split(/(\*\*[^*]+\*\*)/g).map((part, i) =>
    part.startsWith('**') && part.endsWith('**') && part.length > 4 ? <strong key={`${key}-${i}`}>{part.slice(2, -2)}</strong> : part,
  );
}

/**
 * The few Markdown forms procedure guidance uses (paragraphs, "- " lists, "#" headings, **bold**)
 * as React elements. Never sets HTML.
 */
export function Markdown({ source }: { source: string }) {
  const blocks = source.replace(/\r\n/g, '\n').split(/\n{2,}/).map((b) => b.trim()).filter(Boolean);
  return (
    <>
      {blocks.map((block, i) => {
        const lines = block.split('\n');
        if (lines.every((l) => /^\s*[-*]\s+/.test(l))) {
          return (
            <ul key={i}>
              {lines.map((l, j) => (
                <li key={j}>{inline(l.replace(/^\s*[-*]\s+/, ''), `${i}-${j}`)}</li>
              ))}
            </ul>
          );
        }
        const heading = /^#{1,6}\s+(.*)$/.exec(block);
        if (heading && lines.length === 1) return <h3 key={i}>{inline(heading[1]!, String(i))}</h3>;
        return <p key={i}>{inline(lines.join(' '), String(i))}</p>;
      })}
    </>
  );
}
