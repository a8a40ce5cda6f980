// RSS 2.0 written by hand (the `feed` package took 34–130 ms for 1,000 items, the target is 20):
// permanent guids isPermaLink="false", an atom:link to itself, categories with their domain,
// enclosures with real media types, the language and a ttl. Every text and attribute value goes
// through escapeXml (xml.ts). One string grown with `+=`: V8 joins these ropes once, at the end,
// faster than an array of parts.
import type { FeedItem } from '#core/feeds/feed-item';
import { feedItemGuid } from '#core/feeds/guids';
import { imageType, itemCategories, plainTextToHtml } from './item-content';
import type { RenderFeedOptions } from './render';
import { element, escapeXml } from './xml';

export function renderRss(options: RenderFeedOptions, head: { language: string; ttlMinutes: number }): string {
  let xml =
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">\n' +
    '    <channel>\n' +
    `        ${element('title', options.title)}\n` +
    `        ${element('link', options.siteUrl)}\n` +
    `        ${element('description', options.description)}\n` +
    `        ${element('lastBuildDate', new Date(options.updated).toUTCString())}\n` +
    '        <docs>https://validator.w3.org/feed/docs/rss2.html</docs>\n' +
    '        <generator>Porte-voix</generator>\n' +
    `        ${element('language', head.language)}\n` +
    `        <ttl>${head.ttlMinutes}</ttl>\n` +
    `        <atom:link href="${escapeXml(options.selfUrl)}" rel="self" type="application/rss+xml"/>\n`;
  for (const item of options.items) xml += rssItem(item);
  return `${xml}    </channel>\n</rss>`;
}

function rssItem(item: FeedItem): string {
  let xml =
    '        <item>\n' +
    // Titles with character references: the RSS Best Practices Profile's answer to readers that
    // disagree on whether a title holds HTML.
    `            <title>${escapeXml(item.title, 'hex')}</title>\n` +
    `            ${element('link', item.link)}\n` +
    `            <guid isPermaLink="false">${escapeXml(feedItemGuid(item.id))}</guid>\n` +
    `            ${element('pubDate', new Date(item.publishedAt).toUTCString())}\n` +
    // The one field every reader shows: the plain text as HTML, escaped as any text.
    `            ${element('description', plainTextToHtml(item.text))}\n`;
  for (const c of itemCategories(item))
    xml += `            <category domain="${escapeXml(c.scheme)}">${escapeXml(c.label)}</category>\n`;
  if (item.imageUrl)
    xml += `            <enclosure length="0" type="${imageType(item.imageUrl)}" url="${escapeXml(item.imageUrl)}"/>\n`;
  return `${xml}        </item>\n`;
}
