/** Escapes text for XML content and attributes. */
function xml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

export interface FeedItem {
  id: string;
  title: string;
  summary: string;
  url: string;
  publishedAt: string;
  topicName: string;
}

/** RSS 2.0 of published news, for the commune website and news readers. */
export function renderRss(o: { title: string; link: string; description: string; selfUrl: string; items: FeedItem[] }): string {
  const items = o.items
    .map(
      (i) => `    <item>
      <title>${xml(i.title)}</title>
      <link>${xml(i.url)}</link>
      <guid isPermaLink="false">${xml(i.id)}</guid>
      <pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate>
      <category>${xml(i.topicName)}</category>
      <description>${xml(i.summary)}</description>
    </item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xml(o.title)}</title>
    <link>${xml(o.link)}</link>
    <description>${xml(o.description)}</description>
    <language>vi</language>
    <atom:link href="${xml(o.selfUrl)}" rel="self" type="application/rss+xml"/>
${items}
  </channel>
</rss>
`;
}
