// The built-in words of each announcement, used until an agent saves their own (and again if they
// are ever removed). French first; English for subscribers who chose it. No X text: X is paid per
// post, an agent opts in by writing one.
import type { AnnouncementTemplateInput, TemplateKey } from './template';

const t = (frTitle: string, frText: string, enTitle: string, enText: string): AnnouncementTemplateInput => ({
  fr: { title: frTitle, text: frText },
  en: { title: enTitle, text: enText },
});

export const DEFAULT_TEMPLATES: Record<TemplateKey, AnnouncementTemplateInput> = {
  'step_opens.information': t(
    'Nouvelle étape : {demarche}',
    '{etape}, à partir du {date}.',
    'New step: {demarche}',
    '{etape}, from {date}.',
  ),
  'step_opens.consultation': t(
    'La consultation est ouverte : {demarche}',
    '{etape} : donnez votre avis dès maintenant.',
    'The consultation is open: {demarche}',
    '{etape}: have your say now.',
  ),
  'step_opens.questionnaire': t(
    'Le questionnaire est ouvert : {demarche}',
    '{etape} : répondez dès maintenant.',
    'The questionnaire is open: {demarche}',
    '{etape}: answer now.',
  ),
  'step_opens.workshop': t(
    'L’atelier commence : {demarche}',
    '{etape}, le {date} à {heure}.',
    'The workshop begins: {demarche}',
    '{etape}, on {date} at {heure}.',
  ),
  'step_opens.event': t(
    'C’est aujourd’hui : {demarche}',
    '{etape}, le {date} à {heure}.',
    'It is today: {demarche}',
    '{etape}, on {date} at {heure}.',
  ),
  'closing_soon.consultation': t(
    'Plus que {jours} jours : {demarche}',
    'La consultation « {etape} » se termine le {date} à {heure}. Donnez votre avis avant la clôture.',
    'Only {jours} days left: {demarche}',
    'The consultation “{etape}” ends on {date} at {heure}. Have your say before it closes.',
  ),
  'closing_soon.questionnaire': t(
    'Plus que {jours} jours : {demarche}',
    'Le questionnaire « {etape} » ferme le {date} à {heure}. Il est encore temps de répondre.',
    'Only {jours} days left: {demarche}',
    'The questionnaire “{etape}” closes on {date} at {heure}. There is still time to answer.',
  ),
  'step_published.synthesis': t(
    'Voici la synthèse : {demarche}',
    '{etape} : ce qui ressort de vos contributions.',
    'Here is the summary: {demarche}',
    '{etape}: what came out of your contributions.',
  ),
  'step_published.citizen_opinion': t(
    'L’avis citoyen est publié : {demarche}',
    '{etape}',
    'The citizens’ opinion is published: {demarche}',
    '{etape}',
  ),
  'step_published.decision': t(
    'La décision est prise : {demarche}',
    '{etape}',
    'The decision is made: {demarche}',
    '{etape}',
  ),
};
