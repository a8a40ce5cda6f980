// A feed source: a feed of the participation platform (RSS 2.0 or Atom) that Porte-voix polls and
// imports, attached to one démarche or global. Its status says what the last polls came to, in
// words an agent can act on, and holds the validators of the conditional GET.
import * as z from 'zod';
import { HttpUrl, Instant, ShortId, Slug, Version } from '../shared/schema';
import { SingleLineText } from '../shared/text';

export const FeedSourceInput = z.object({
  url: HttpUrl.describe('Adresse du flux RSS ou Atom (http ou https, adresse publique)'),
  demarcheSlug: Slug.optional().describe('Démarche à laquelle rattacher les articles importés (absente : global)'),
  label: SingleLineText(120).describe('Nom de la source, pour les agent·es'),
});
export type FeedSourceInput = z.input<typeof FeedSourceInput>;

const count = (description: string) => z.number().int().min(0).describe(description);

export const FeedSourceStatus = z.object({
  lastCheckedAt: Instant.optional().describe('Dernière vérification, réussie ou non'),
  lastSuccessAt: Instant.optional().describe('Dernière vérification réussie'),
  lastErrorAt: Instant.optional().describe('Dernière vérification en échec'),
  lastError: z.string().max(500).optional().describe('Raison du dernier échec, en clair'),
  etag: z.string().max(500).optional().describe('ETag de la dernière réponse (GET conditionnel)'),
  lastModified: z.string().max(200).optional().describe('Last-Modified de la dernière réponse (GET conditionnel)'),
  entriesSeen: count('Articles lus dans le flux à la dernière vérification réussie'),
  entriesImported: count('Articles importés depuis l’ajout de la source'),
});
export type FeedSourceStatus = z.infer<typeof FeedSourceStatus>;

export const FeedSource = z.object({
  id: ShortId,
  url: HttpUrl,
  demarcheSlug: Slug.optional(),
  label: SingleLineText(120),
  createdAt: Instant,
  createdBy: z.string(),
  version: Version,
  status: FeedSourceStatus,
});
export type FeedSource = z.infer<typeof FeedSource>;

/** The last check failed (its reason is `lastError`); a success since then clears it. */
export const isFailing = (s: FeedSourceStatus): boolean =>
  s.lastErrorAt !== undefined && (s.lastSuccessAt === undefined || s.lastErrorAt > s.lastSuccessAt);

export const NEW_SOURCE_STATUS: FeedSourceStatus = { entriesSeen: 0, entriesImported: 0 };

/** One imported entry, recorded before it is published so that no run imports it twice. */
export const ImportedEntry = z.object({
  sourceId: ShortId,
  /** The hashed dedupe key (guid, else link, else title + date). */
  key: z.string().min(1).max(200),
  /** The id of its feed item and of its campaign, derived from the source and the key. */
  itemId: ShortId,
  title: z.string().max(200),
  /** `pending` from the claim until the item (and its announcement) exist; then `done`. */
  state: z.enum(['pending', 'done']),
  claimedAt: Instant,
  doneAt: Instant.optional(),
});
export type ImportedEntry = z.infer<typeof ImportedEntry>;
