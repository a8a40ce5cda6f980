// Announcement templates and démarche markers in the table: plain puts (a template is replaced
// whole; a marker's writers compute the same content), read back through the core's zod schemas.
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { AnnouncementMarker } from '#core/announcements/marker';
import { AnnouncementTemplate } from '#core/announcements/template';
import type { AnnouncementRepository } from '#core/store';
import { type Item, type TableRef, fromItem, toItem } from '../items';
import {
  announcementMarkerKey,
  announcementMarkerKeys,
  announcementMarkers,
  announcementTemplateKey,
  announcementTemplates,
} from '../keys';
import { getItem, queryUpTo } from '../reads';

const markerFromItem = (item: Item) => fromItem(AnnouncementMarker, item);
const templateFromItem = (item: Item) => fromItem(AnnouncementTemplate, item);

export function createAnnouncementRepository(table: TableRef): AnnouncementRepository {
  const put = (item: Item) => table.client.send(new PutCommand({ TableName: table.tableName, Item: item }));
  return {
    async listTemplates() {
      return (await queryUpTo(table, announcementTemplates())).map(templateFromItem);
    },
    async putTemplate(template) {
      await put(toItem(announcementTemplateKey(template.key), template));
    },
    async getMarker(slug) {
      // Consistent: a reconcile reads the marker the previous one (maybe a second earlier) wrote.
      const item = await getItem(table, announcementMarkerKey(slug), true);
      return item && markerFromItem(item);
    },
    async putMarker(marker) {
      await put(toItem(announcementMarkerKeys(marker), marker));
    },
    async listMarkers() {
      return (await queryUpTo(table, announcementMarkers())).map(markerFromItem);
    },
  };
}
