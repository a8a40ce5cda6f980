// Valid entities for the store tests, each overridable field by field.
import type { Agent } from '#core/agents/agent';
import type { AuditEvent } from '#core/audit/audit-event';
import type { Campaign } from '#core/campaigns/campaign';
import type { Delivery } from '#core/delivery/delivery';
import type { Demarche } from '#core/demarches/demarche';
import type { FeedItem } from '#core/feeds/feed-item';
import type { Questionnaire } from '#core/questionnaires/questionnaire';
import type { Response } from '#core/questionnaires/response';
import type { XPost } from '#core/store';
import type { Subscriber } from '#core/subscribers/subscriber';

export const T0 = '2026-03-01T09:00:00.000Z';

/** An instant `minutes` after T0, as the core stores it. */
export const at = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export const demarche = (over: Partial<Demarche> = {}): Demarche => ({
  slug: 'plan-velo',
  title: 'Plan vélo métropolitain',
  summary: 'Où faut-il de nouvelles pistes cyclables ?',
  link: 'https://dialoguecitoyen.metropole.nantes.fr/plan-velo',
  themes: ['mobilites'],
  territories: ['nantes', 'reze'],
  steps: [{ id: 's1', kind: 'consultation', title: 'Consultation en ligne', start: at(0), end: at(60 * 24 * 30) }],
  createdAt: T0,
  updatedAt: T0,
  version: 1,
  ...over,
});

export const questionnaire = (over: Partial<Questionnaire> = {}): Questionnaire => ({
  id: 'q1',
  title: 'Vos trajets à vélo',
  questions: [
    {
      kind: 'single_choice',
      id: 'freq',
      prompt: 'À quelle fréquence ?',
      options: [
        { id: 'a', label: 'Tous les jours' },
        { id: 'b', label: 'Jamais' },
      ],
    },
    { kind: 'short_text', id: 'why', prompt: 'Pourquoi ?', maxLength: 280 },
  ],
  opensAt: at(0),
  closesAt: at(60 * 24 * 14),
  resultsPolicy: 'public_after_close',
  nextSteps: 'Les réponses nourrissent le plan vélo voté en juin.',
  createdAt: T0,
  updatedAt: T0,
  version: 1,
  ...over,
});

export const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 'c1',
  message: {
    title: 'Le plan vélo',
    text: 'Donnez votre avis.',
    link: 'https://dialoguecitoyen.metropole.nantes.fr/plan-velo',
  },
  channels: ['telegram'],
  audience: { kind: 'everyone' },
  sendAt: at(60),
  status: 'draft',
  createdBy: 'agent-1',
  createdAt: T0,
  updatedAt: T0,
  version: 1,
  ...over,
});

export const agent = (over: Partial<Agent> = {}): Agent => ({
  id: 'ag1',
  name: 'Camille',
  role: 'editor',
  tokenHash: 'a'.repeat(64),
  createdAt: T0,
  createdBy: 'admin',
  ...over,
});

export const auditEvent = (over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: 'e1',
  at: T0,
  actor: { agentId: 'ag1', name: 'Camille' },
  action: 'demarche.update',
  entity: { type: 'demarche', id: 'plan-velo' },
  changes: { title: { before: 'Ancien titre', after: 'Nouveau titre' } },
  ...over,
});

export const feedItem = (over: Partial<FeedItem> = {}): FeedItem => ({
  id: 'f1',
  title: 'La consultation est ouverte',
  text: 'Jusqu’au 30 mars.',
  link: 'https://dialoguecitoyen.metropole.nantes.fr/plan-velo',
  themes: ['mobilites'],
  territories: ['nantes'],
  publishedAt: T0,
  updatedAt: T0,
  ...over,
});

export const subscriber = (over: Partial<Subscriber> = {}): Subscriber => ({
  id: 'sub1',
  chatId: 1001,
  language: 'fr',
  frequency: 'instant',
  status: 'active',
  follows: { demarches: ['plan-velo'], themes: [], territories: [] },
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export const response = (over: Partial<Response> = {}): Response => ({
  questionnaireId: 'q1',
  subscriberId: 'sub1',
  answers: { freq: ['a'] },
  complete: false,
  createdAt: T0,
  updatedAt: T0,
  version: 1,
  ...over,
});

export const delivery = (over: Partial<Delivery> = {}): Delivery => ({
  campaignId: 'c1',
  channel: 'telegram',
  recipient: 'sub1',
  status: 'pending',
  attempts: 0,
  createdAt: T0,
  updatedAt: T0,
  ...over,
});

export const xPost = (over: Partial<XPost> = {}): XPost => ({
  id: 'x1',
  campaignId: 'c1',
  text: 'Le plan vélo : donnez votre avis https://example.org',
  status: 'queued',
  createdAt: T0,
  updatedAt: T0,
  ...over,
});
