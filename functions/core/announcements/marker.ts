// A démarche's announcement marker: the version of the démarche (and of the templates) last
// reconciled, and the announcements still pending with the fingerprint each was generated from.
// It is what lets the delivery tick skip démarches that did not change (one Query for all markers,
// no campaign read), find the announcements of a step since deleted, and expire stale drafts.
import * as z from 'zod';
import { Instant, ShortId, Slug } from '../shared/schema';

export const PendingAnnouncement = z.object({
  fingerprint: z.string(),
  notAfter: Instant,
});

export const AnnouncementMarker = z.object({
  demarcheSlug: Slug,
  // 0 until the first reconcile ends (a marker written first only records the ids it is about to create).
  version: z.number().int().min(0),
  /** The templates' revision applied (their latest `updatedAt`; empty while only the built-in ones exist). */
  templatesAt: z.string(),
  /** Announcements generated and not yet sent, cancelled or failed, by campaign id. */
  pending: z.record(ShortId, PendingAnnouncement),
  updatedAt: Instant,
});
export type AnnouncementMarker = z.infer<typeof AnnouncementMarker>;
