// Demo data loaded once into a new local store: the city's "Grand débat longévité" from the case
// study (its six steps with their real 2019 dates) and two démarches dated relative to the day
// of loading, so the demo always has a step open now and one to come.
import type { CampaignInput } from '#core/campaigns/campaign';
import type { DemarcheInput } from '#core/demarches/demarche';
import type { QuestionnaireInput } from '#core/questionnaires/questionnaire';
import type { Answer } from '#core/questionnaires/response';

const DAY = 86_400_000;

/** Midnight-ish in Paris (09:00 local ≈ 08:00 UTC in winter, 07:00 in summer: close enough for a demo). */
const at = (today: Date, days: number, hourUtc = 8) => {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate(), hourUtc));
  return new Date(d.getTime() + days * DAY).toISOString();
};

export const LONGEVITE = 'grand-debat-longevite';
const PLATFORM = 'https://dialoguecitoyen.metropole.nantes.fr';

export interface DemoData {
  demarches: DemarcheInput[];
  /** Questionnaires, each with the slug of its démarche. */
  questionnaires: QuestionnaireInput[];
  /** Draft campaigns an agent can preview and schedule; `questionnaireTitle` links to one above. */
  campaigns: (Omit<CampaignInput, 'questionnaireId'> & { questionnaireTitle?: string })[];
  /** Answers of demo subscribers, so a public results page (/resultats/<id>) has figures from the first start. */
  responses: { questionnaireTitle: string; subscriberId: string; answers: Record<string, Answer>; at: string }[];
  /** Written answers an agent approved (public once masked); the others wait in the moderation queue. */
  approvedTexts: { text: string; category?: string }[];
  /** Updates already published, so the feeds have something to show from the first start. */
  feedItems: { title: string; text: string; link: string; demarcheSlug: string }[];
}

export function demoData(today: Date): DemoData {
  const longevite: DemarcheInput = {
    slug: LONGEVITE,
    title: 'Grand débat longévité',
    summary:
      'Comment bien vieillir dans la métropole ? Habitat, isolement, mobilité, santé : ' +
      'la métropole a invité chacun à témoigner, proposer et débattre pour préparer les politiques de demain.',
    link: `${PLATFORM}/project/grand-debat-longevite/presentation`,
    themes: ['longevite', 'solidarites', 'logement'],
    territories: ['nantes', 'reze', 'saint-herblain', 'orvault', 'vertou'],
    steps: [
      {
        id: 'propositions',
        kind: 'consultation',
        title: 'Déposez votre proposition ou enrichissez les propositions des autres participants',
        start: '2019-01-15T08:00:00Z',
        end: '2019-05-31T21:59:00Z',
      },
      {
        id: 'temoignages',
        kind: 'consultation',
        title: 'Témoignez et proposez une vision, une expertise, une innovation collective',
        start: '2019-01-15T08:00:00Z',
        end: '2019-05-31T21:59:00Z',
      },
      {
        id: 'festival',
        kind: 'event',
        title: 'Le Festival Citoyen Longévité',
        start: '2019-05-16T08:00:00Z',
        end: '2019-05-19T20:00:00Z',
      },
      {
        id: 'questionnaire',
        kind: 'questionnaire',
        title: 'La longévité en 4 questions',
        start: '2019-01-15T08:00:00Z',
        end: '2019-05-31T21:59:00Z',
      },
      {
        id: 'communautes',
        kind: 'workshop',
        title: 'Rejoignez l’une des 6 communautés du Grand Débat',
        start: '2019-01-15T08:00:00Z',
        end: '2019-05-31T21:59:00Z',
      },
      { id: 'rapport', kind: 'synthesis', title: 'Consulter le rapport du Grand débat', start: '2019-12-13T09:00:00Z' },
    ],
  };

  const velo: DemarcheInput = {
    slug: 'plan-velo-reze',
    title: 'Plan vélo de Rezé',
    summary: 'Où manque-t-il une piste, un arceau, une zone apaisée ? Rezé prépare son plan vélo avec ses habitants.',
    link: `${PLATFORM}/project/plan-velo-reze/presentation`,
    themes: ['mobilites', 'urbanisme'],
    territories: ['reze'],
    // Its steps to come are drafted as announcements (the delivery tick reconciles them at start): /console/annonces.
    announcementPolicy: 'review',
    steps: [
      {
        id: 'info',
        kind: 'information',
        title: 'Réunion publique de lancement',
        start: at(today, -20, 17),
        end: at(today, -20, 19),
      },
      {
        id: 'carte',
        kind: 'consultation',
        title: 'Carte participative : signalez les points noirs',
        start: at(today, -5),
        end: at(today, 25, 21),
      },
      {
        id: 'atelier',
        kind: 'workshop',
        title: 'Atelier « itinéraires du quotidien »',
        start: at(today, 10, 17),
        end: at(today, 10, 19),
      },
      { id: 'synthese', kind: 'synthesis', title: 'Synthèse des contributions', start: at(today, 45) },
      { id: 'decision', kind: 'decision', title: 'Vote du plan vélo en conseil municipal', start: at(today, 90, 17) },
    ],
  };

  const ile: DemarcheInput = {
    slug: 'ile-de-nantes-nature-en-ville',
    title: 'Plus de nature sur l’Île de Nantes',
    summary: 'Arbres, jardins partagés, cours d’école végétalisées : choisissons ensemble où planter d’abord.',
    link: `${PLATFORM}/project/ile-de-nantes-nature-en-ville/presentation`,
    themes: ['environnement', 'urbanisme'],
    territories: ['nantes', 'nantes-ile-de-nantes'],
    steps: [
      {
        id: 'info',
        kind: 'information',
        title: 'Présentation du projet et balade découverte',
        start: at(today, 3, 13),
        end: at(today, 3, 16),
      },
      {
        id: 'consultation',
        kind: 'consultation',
        title: 'Consultation en ligne : où planter ?',
        start: at(today, 7),
        end: at(today, 40, 21),
      },
      { id: 'avis', kind: 'citizen_opinion', title: 'Avis citoyen remis aux élus', start: at(today, 60) },
    ],
  };

  const questionnaire: QuestionnaireInput = {
    title: 'La longévité en 4 questions',
    intro: 'Quatre questions, deux minutes : votre avis nourrit le rapport du Grand débat.',
    demarcheSlug: LONGEVITE,
    opensAt: at(today, -1),
    closesAt: at(today, 30, 21),
    resultsPolicy: 'public_live',
    nextSteps:
      'Vos réponses sont lues par l’équipe du Grand débat et intégrées au rapport remis aux élus. ' +
      'Les résultats seront publiés sur la plateforme et dans ce fil.',
    questions: [
      {
        kind: 'single_choice',
        id: 'enjeu',
        prompt: 'Pour vous, quel est le premier enjeu pour bien vieillir dans la métropole ?',
        options: [
          { id: 'isolement', label: 'Rompre l’isolement' },
          { id: 'logement', label: 'Un logement adapté' },
          { id: 'mobilite', label: 'Se déplacer facilement' },
          { id: 'sante', label: 'L’accès aux soins' },
          { id: 'place', label: 'Garder sa place dans la vie locale' },
        ],
      },
      {
        kind: 'multiple_choice',
        id: 'habitat',
        prompt: 'Quelles formes d’habitat faudrait-il développer ? (2 au plus)',
        min: 1,
        max: 2,
        options: [
          { id: 'domicile', label: 'Domicile adapté' },
          { id: 'participatif', label: 'Habitat participatif' },
          { id: 'intergen', label: 'Habitat intergénérationnel' },
          { id: 'residence', label: 'Résidences services' },
          { id: 'ehpad', label: 'EHPAD ouverts sur le quartier' },
        ],
      },
      {
        kind: 'scale',
        id: 'info',
        prompt: 'Vous sentez-vous informé·e des services proposés aux aînés ?',
        min: 1,
        max: 5,
        minLabel: 'Pas du tout',
        maxLabel: 'Tout à fait',
      },
      {
        kind: 'short_text',
        id: 'idee',
        prompt: 'En une phrase : qu’est-ce qui vous aiderait à bien vieillir ici ?',
        maxLength: 280,
      },
    ],
  };

  const veloQuestionnaire: QuestionnaireInput = {
    title: 'Le vélo à Rezé',
    demarcheSlug: 'plan-velo-reze',
    opensAt: at(today, -5),
    closesAt: at(today, 25, 21),
    resultsPolicy: 'public_after_close',
    nextSteps: 'Les réponses seront présentées à l’atelier « itinéraires du quotidien » puis dans la synthèse.',
    questions: [
      { kind: 'yes_no', id: 'velo', prompt: 'Vous déplacez-vous à vélo au moins une fois par semaine ?' },
      {
        kind: 'single_choice',
        id: 'frein',
        prompt: 'Qu’est-ce qui vous freine le plus ?',
        options: [
          { id: 'securite', label: 'L’insécurité' },
          { id: 'stationnement', label: 'Le stationnement' },
          { id: 'distance', label: 'Les distances' },
          { id: 'meteo', label: 'La météo' },
        ],
      },
    ],
  };

  return {
    demarches: [longevite, velo, ile],
    questionnaires: [questionnaire, veloQuestionnaire],
    ...demoAnswers(questionnaire.title, at(today, -1)),
    feedItems: [
      {
        title: 'Grand débat longévité : le rapport est en ligne',
        text: 'Propositions, témoignages, festival citoyen : le rapport du Grand débat longévité rend compte de ce qui a été dit et de ce que la métropole en retient.',
        link: `${PLATFORM}/project/grand-debat-longevite/step/consulter-le-rapport`,
        demarcheSlug: LONGEVITE,
      },
      {
        title: 'Plan vélo de Rezé : la carte participative est ouverte',
        text: 'Jusqu’à la fin du mois, signalez sur la carte les points noirs de vos trajets à vélo.',
        link: velo.link,
        demarcheSlug: 'plan-velo-reze',
      },
    ],
    campaigns: [
      {
        message: {
          title: 'Grand débat longévité : 4 questions pour vous',
          text: 'Comment bien vieillir dans la métropole ? Donnez votre avis en deux minutes, directement ici.',
          link: longevite.link,
        },
        channels: ['telegram', 'x', 'feeds'],
        audience: { kind: 'everyone' },
        sendAt: at(today, 1, 9),
        demarcheSlug: LONGEVITE,
        questionnaireTitle: questionnaire.title,
      },
      {
        message: {
          title: 'Plan vélo de Rezé : la carte participative est ouverte',
          text: 'Signalez les points noirs de vos trajets à vélo jusqu’à la fin du mois.',
          link: velo.link,
        },
        channels: ['telegram', 'feeds'],
        audience: { kind: 'followers', demarches: ['plan-velo-reze'], themes: ['mobilites'], territories: ['reze'] },
        sendAt: at(today, 2, 16),
        demarcheSlug: 'plan-velo-reze',
        questionnaireTitle: veloQuestionnaire.title,
      },
    ],
  };
}

const DEMO_TEXTS = {
  approved: 'Des bancs à l’ombre sur le chemin du marché, pour pouvoir s’arrêter.',
  pending: 'Un minibus le mardi vers le centre de santé, appelez-moi au 06 12 34 56 78.',
};

/**
 * Eighteen demo subscribers answered the longévité questionnaire during its first day (every 40
 * minutes from its opening): enough for its public results; one text approved, one still pending.
 */
function demoAnswers(questionnaireTitle: string, opensAt: string): Pick<DemoData, 'responses' | 'approvedTexts'> {
  const enjeux = ['isolement', 'logement', 'isolement', 'mobilite', 'sante', 'isolement', 'place', 'logement', 'sante'];
  const habitats = [['domicile'], ['intergen', 'participatif'], ['domicile', 'residence'], ['intergen'], ['ehpad']];
  const responses = Array.from({ length: 18 }, (_, i) => ({
    questionnaireTitle,
    subscriberId: `demo-${String(i + 1).padStart(2, '0')}`,
    answers: {
      enjeu: [enjeux[i % enjeux.length]!],
      habitat: habitats[i % habitats.length]!,
      info: 1 + ((i * 3) % 5),
      ...(i === 4 ? { idee: DEMO_TEXTS.approved } : i === 9 ? { idee: DEMO_TEXTS.pending } : {}),
    },
    at: new Date(Date.parse(opensAt) + (i + 1) * 40 * 60_000).toISOString(),
  }));
  return { responses, approvedTexts: [{ text: DEMO_TEXTS.approved }] };
}
