// What a démarche's timeline asks to announce, as campaigns not yet written: one per step and rule,
// each with its derived id (a retry, a restart or a second reconciler names the same campaign) and
// a fingerprint of what was generated (reconcile rewrites a pending one only when that changes, so
// an agent's own edit of a draft survives until the step or the template itself changes).
import { createHash } from 'node:crypto';
import type { AnnouncementRule, CampaignOrigin, Channel, Message } from '../campaigns/campaign';
import { X_POST_MAX_WEIGHTED_LENGTH, checkXPost } from '../campaigns/x-post';
import type { Demarche, Step } from '../demarches/demarche';
import { type Moment, momentsOf } from './rules';
import { type AnnouncementTemplateInput, type Placeholder, type TemplateKey, fill, templateKey } from './template';

/** The campaign id of a step's announcement: sha256 of `announcement:<slug>:<stepId>:<rule>`. */
export const announcementId = (slug: string, stepId: string, rule: AnnouncementRule) =>
  createHash('sha256').update(`announcement:${slug}:${stepId}:${rule}`).digest('base64url').slice(0, 16);

/** The words for a template key: the agents' saved ones, else the built-in ones. */
export type TemplateBook = (key: TemplateKey) => AnnouncementTemplateInput;

export interface WantedAnnouncement {
  id: string;
  origin: Extract<CampaignOrigin, { kind: 'announcement' }>;
  step: Step;
  moment: Moment;
  /** The campaign minus its send time (reconcile sets it: the moment, or soon when the moment just passed). */
  input: ReturnType<typeof inputOf>;
  fingerprint: string;
}

const formats = {
  fr: {
    date: new Intl.DateTimeFormat('fr-FR', {
      timeZone: 'Europe/Paris',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    }),
    time: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }),
  },
  en: {
    date: new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
    }),
    time: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }),
  },
};

const DAY_MS = 86_400_000;
const cut = (s: string, max: number) => ([...s].length <= max ? s : `${[...s].slice(0, max - 1).join('')}…`);

function valuesFor(d: Demarche, step: Step, moment: Moment, language: 'fr' | 'en'): Record<Placeholder, string> {
  const about = new Date(moment.about);
  const daysLeft = step.end ? Math.round((Date.parse(step.end) - Date.parse(moment.at)) / DAY_MS) : 0;
  return {
    demarche: d.title,
    etape: step.title,
    date: formats[language].date.format(about),
    heure: formats[language].time.format(about),
    lien: step.link ?? d.link,
    jours: String(daysLeft),
  };
}

function messageOf(d: Demarche, step: Step, moment: Moment, words: AnnouncementTemplateInput): Message {
  const fr = valuesFor(d, step, moment, 'fr');
  const en = valuesFor(d, step, moment, 'en');
  return {
    title: cut(fill(words.fr.title, fr), 200),
    text: cut(fill(words.fr.text, fr), 3500),
    link: fr.lien,
    en: { title: cut(fill(words.en.title, en), 200), text: cut(fill(words.en.text, en), 3500) },
  };
}

/** The X text, when the template has one and it fits (a long démarche title may not: then no X). */
function xTextOf(d: Demarche, step: Step, moment: Moment, words: AnnouncementTemplateInput): string | undefined {
  if (!words.x) return undefined;
  const text = fill(words.x, valuesFor(d, step, moment, 'fr'));
  return checkXPost(text).weightedLength <= X_POST_MAX_WEIGHTED_LENGTH ? text : undefined;
}

function inputOf(d: Demarche, step: Step, moment: Moment, words: AnnouncementTemplateInput) {
  const xText = xTextOf(d, step, moment, words);
  const channels: Channel[] = xText ? ['telegram', 'feeds', 'x'] : ['telegram', 'feeds'];
  const exclude = moment.rule === 'closing_soon' && step.questionnaireId ? [step.questionnaireId] : undefined;
  return {
    message: messageOf(d, step, moment, words),
    channels,
    audience: {
      kind: 'followers' as const,
      demarches: [d.slug],
      themes: [],
      territories: [],
      ...(exclude ? { excludeRespondentsOf: exclude } : {}),
    },
    demarcheSlug: d.slug,
    notAfter: moment.notAfter,
    ...(xText ? { xText } : {}),
  };
}

/** Every announcement the démarche's steps call for, past ones included (reconcile drops what is too late). */
export function wantedAnnouncements(d: Demarche, templates: TemplateBook): WantedAnnouncement[] {
  return d.steps.flatMap((step) =>
    momentsOf(step).map((moment) => {
      const input = inputOf(d, step, moment, templates(templateKey(moment.rule, step.kind)));
      const fingerprint = createHash('sha256')
        .update(JSON.stringify({ at: moment.at, input }))
        .digest('base64url')
        .slice(0, 16);
      return {
        id: announcementId(d.slug, step.id, moment.rule),
        origin: { kind: 'announcement' as const, demarcheSlug: d.slug, stepId: step.id, rule: moment.rule },
        step,
        moment,
        input,
        fingerprint,
      };
    }),
  );
}
