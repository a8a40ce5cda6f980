// An announcement's template: the words of one rule for one step kind, in French and English, and
// optionally a short text for X (X is not « répondez ici »: a title and the link). Placeholders in
// braces are filled from the démarche and its step; an unknown one is refused when saved, so a
// typo never reaches a citizen as « {etpae} ».
import * as z from 'zod';
import type { AnnouncementRule } from '../campaigns/campaign';
import type { Step } from '../demarches/demarche';
import { DomainError, type Violation } from '../shared/errors';
import { Instant } from '../shared/schema';
import { MultiLineText, SingleLineText } from '../shared/text';

/** The placeholders a template may use, and what each becomes (shown in the console's editor). */
export const PLACEHOLDERS = {
  demarche: 'titre de la démarche',
  etape: 'titre de l’étape',
  date: 'date du moment annoncé (début de l’étape ; sa fin pour le rappel de clôture), heure de Paris',
  heure: 'heure de ce moment, heure de Paris',
  lien: 'lien de l’étape, sinon de la démarche',
  jours: 'jours restants avant la fin de l’étape (rappel de clôture : 2)',
} as const;
export type Placeholder = keyof typeof PLACEHOLDERS;
const KNOWN = Object.keys(PLACEHOLDERS) as Placeholder[];

/** A rule for a step kind: the wording differs per kind (« La consultation est ouverte »); see rules.ts. */
export const TEMPLATE_KEYS = [
  'step_opens.information',
  'step_opens.consultation',
  'step_opens.questionnaire',
  'step_opens.workshop',
  'step_opens.event',
  'closing_soon.consultation',
  'closing_soon.questionnaire',
  'step_published.synthesis',
  'step_published.citizen_opinion',
  'step_published.decision',
] as const;
export const TemplateKeySchema = z
  .enum(TEMPLATE_KEYS)
  .describe('Règle et type d’étape, par exemple step_opens.consultation');
export type TemplateKey = z.infer<typeof TemplateKeySchema>;
export const templateKey = (rule: AnnouncementRule, kind: Step['kind']) => `${rule}.${kind}` as TemplateKey;

const Words = z.object({ title: SingleLineText(200), text: MultiLineText(3500) });

/** What an agent saves. */
export const AnnouncementTemplateInput = z.strictObject({
  fr: Words.describe('Titre et texte en français'),
  en: Words.describe('Titre et texte en anglais (abonné·es qui ont choisi l’anglais)'),
  x: MultiLineText(500)
    .optional()
    .describe('Texte pour X (titre et {lien}, 280 caractères pondérés) : présent, l’annonce part aussi sur X (payant)'),
});
export type AnnouncementTemplateInput = z.infer<typeof AnnouncementTemplateInput>;

export const AnnouncementTemplate = AnnouncementTemplateInput.extend({
  key: TemplateKeySchema,
  updatedAt: Instant,
  updatedBy: z.string(),
});
export type AnnouncementTemplate = z.infer<typeof AnnouncementTemplate>;

const PLACEHOLDER = /\{([^{}\s]*)\}/g;

/** The violations of a template's texts: each unknown placeholder, named with the known ones. */
export function placeholderViolations(input: AnnouncementTemplateInput): Violation[] {
  const fields: [string, string | undefined][] = [
    ['fr.title', input.fr.title],
    ['fr.text', input.fr.text],
    ['en.title', input.en.title],
    ['en.text', input.en.text],
    ['x', input.x],
  ];
  const known = KNOWN.map((p) => `{${p}}`).join(', ');
  return fields.flatMap(([field, text]) =>
    [...(text ?? '').matchAll(PLACEHOLDER)]
      .map((m) => m[1] ?? '')
      .filter((name) => !(KNOWN as string[]).includes(name))
      .map((name) => ({
        field,
        rule: 'template_placeholder_known',
        message: `{${name}} n’est pas un champ connu : utilisez ${known}`,
      })),
  );
}

export function assertPlaceholdersKnown(input: AnnouncementTemplateInput) {
  const violations = placeholderViolations(input);
  const first = violations[0];
  if (first) throw new DomainError('Invalid', `le modèle est invalide : ${first.message}`, violations);
}

/** Fills the placeholders; every one is known (checked when saved, and the defaults are tested). */
export const fill = (template: string, values: Record<Placeholder, string>): string =>
  template.replace(PLACEHOLDER, (whole, name: string) =>
    (KNOWN as string[]).includes(name) ? values[name as Placeholder] : whole,
  );
