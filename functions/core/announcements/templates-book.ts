// The templates in force: the agents' saved ones over the built-in ones, read in one Query, with
// the revision markers compare (a template saved since a démarche was reconciled re-renders it).
import type { CoreContext } from '../context';
import { DEFAULT_TEMPLATES } from './default-templates';
import type { AnnouncementTemplate, TemplateKey } from './template';
import type { TemplateBook } from './wanted';

export interface LoadedTemplates {
  book: TemplateBook;
  /** The latest `updatedAt` of the saved templates; empty while only the built-in ones are in force. */
  revision: string;
  saved: ReadonlyMap<TemplateKey, AnnouncementTemplate>;
}

export async function loadTemplates(ctx: Pick<CoreContext, 'store'>): Promise<LoadedTemplates> {
  const saved = new Map((await ctx.store.announcements.listTemplates()).map((t) => [t.key, t]));
  const revision = [...saved.values()].reduce((latest, t) => (t.updatedAt > latest ? t.updatedAt : latest), '');
  return { book: (key) => saved.get(key) ?? DEFAULT_TEMPLATES[key], revision, saved };
}
