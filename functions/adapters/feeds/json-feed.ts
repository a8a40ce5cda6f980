// Renders JSON Feed 1.1 (https://jsonfeed.org/version/1.1). The `feed` package writes only 1.0 (one
// `author`, no `language`), and JSON needs no serializer to trust: the document is built here.
import { feedItemGuid } from '#core/feeds/guids';
import { FEED_TEXTS } from '#core/feeds/read';
import { itemCategories, plainTextToHtml } from './item-content';
import type { RenderFeedOptions } from './render';

export function renderJsonFeed(options: RenderFeedOptions): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: options.title,
    home_page_url: options.siteUrl,
    feed_url: options.selfUrl,
    description: options.description,
    language: FEED_TEXTS.language,
    authors: [{ name: FEED_TEXTS.publisher, url: options.siteUrl }],
    items: options.items.map((item) => ({
      id: feedItemGuid(item.id),
      url: item.link,
      // Titles are plain text in JSON Feed; only the body is HTML, escaped from the plain text.
      title: item.title,
      content_html: plainTextToHtml(item.text),
      ...(item.imageUrl ? { image: item.imageUrl } : {}),
      date_published: item.publishedAt,
      date_modified: item.updatedAt,
      tags: itemCategories(item).map((c) => c.label),
    })),
  });
}
