// Use cases of announcement templates: agents read every template (saved or built-in) and save
// their own words. A template is refused when saved if a text is empty, names an unknown
// placeholder, or its X text could not fit a post with a démarche and a step of ordinary length.
import type { Actor, CoreContext } from '../context';
import { X_POST_MAX_WEIGHTED_LENGTH, checkXPost } from '../campaigns/x-post';
import { invalid } from '../shared/errors';
import { parseOrThrow } from '../shared/parse';
import { DEFAULT_TEMPLATES } from './default-templates';
import {
  type AnnouncementTemplate,
  AnnouncementTemplateInput,
  type PLACEHOLDERS,
  type TemplateKey,
  TemplateKeySchema,
  assertPlaceholdersKnown,
  fill,
} from './template';
import { loadTemplates } from './templates-book';

export interface TemplateView extends Omit<AnnouncementTemplate, 'updatedAt' | 'updatedBy'> {
  /** Saved by an agent (else the built-in words). */
  custom: boolean;
  updatedAt?: string;
  updatedBy?: string;
}

export async function listAnnouncementTemplates(ctx: CoreContext): Promise<TemplateView[]> {
  const { saved } = await loadTemplates(ctx);
  return TemplateKeySchema.options.map((key) => viewOf(key, saved.get(key)));
}

const viewOf = (key: TemplateKey, saved: AnnouncementTemplate | undefined): TemplateView =>
  saved ? { ...saved, custom: true } : { key, ...DEFAULT_TEMPLATES[key], custom: false };

export async function getAnnouncementTemplate(ctx: CoreContext, key: unknown): Promise<TemplateView> {
  const k = parseOrThrow(TemplateKeySchema, key, 'le modèle');
  const { saved } = await loadTemplates(ctx);
  return viewOf(k, saved.get(k));
}

/** Values as long as ordinary ones, to check that an X text leaves room: 80-character titles, a link (23). */
const X_SAMPLE = {
  demarche: 'x'.repeat(80),
  etape: 'x'.repeat(80),
  date: 'mercredi 30 septembre',
  heure: '18:00',
  lien: 'https://participation.example.fr/demarche',
  jours: '2',
} satisfies Record<keyof typeof PLACEHOLDERS, string>;

export async function saveAnnouncementTemplate(
  ctx: CoreContext,
  actor: Actor,
  key: unknown,
  input: unknown,
): Promise<TemplateView> {
  const k = parseOrThrow(TemplateKeySchema, key, 'le modèle');
  const data = parseOrThrow(AnnouncementTemplateInput, input, 'le modèle');
  assertPlaceholdersKnown(data);
  if (data.x !== undefined) {
    const { weightedLength } = checkXPost(fill(data.x, X_SAMPLE));
    if (weightedLength > X_POST_MAX_WEIGHTED_LENGTH)
      throw invalid(
        'x',
        'x_post_max_280',
        `le texte pour X compterait ${weightedLength} caractères pondérés sur ${X_POST_MAX_WEIGHTED_LENGTH} ` +
          'avec des titres de 80 caractères (les liens comptent 23) : raccourcissez-le',
      );
  }
  const template: AnnouncementTemplate = {
    key: k,
    ...data,
    updatedAt: ctx.clock.now().toISOString(),
    updatedBy: actor.agentId,
  };
  await ctx.store.announcements.putTemplate(template);
  return { ...template, custom: true };
}
