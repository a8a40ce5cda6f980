// What makes a questionnaire's public results a dataset a portal can harvest: its licence, its
// publisher, its dates, its files with their media types, the dictionary of the CSV's columns, and
// the DCAT-AP 2 description of the whole catalogue (data.gouv.fr and the EU portals read it).
import * as z from 'zod';
import type { Question, Questionnaire } from '../questionnaires/questionnaire';
import { OPEN_DATA_PATHS, publicResultsPaths } from './paths';

export const LICENCES = {
  'etalab-2.0': {
    id: 'etalab-2.0',
    title: 'Licence Ouverte / Open Licence version 2.0',
    url: 'https://www.etalab.gouv.fr/licence-ouverte-open-licence/',
  },
  'odbl-1.0': {
    id: 'odbl-1.0',
    title: 'Open Database License (ODbL) 1.0',
    url: 'https://opendatacommons.org/licenses/odbl/1-0/',
  },
  'cc-by-4.0': {
    id: 'cc-by-4.0',
    title: 'Creative Commons Attribution 4.0 International',
    url: 'https://creativecommons.org/licenses/by/4.0/',
  },
} as const;
export type LicenceId = keyof typeof LICENCES;
export const LICENCE_IDS = Object.keys(LICENCES) as [LicenceId, ...LicenceId[]];

export const Licence = z
  .object({
    id: z.string().describe('Identifiant SPDX ou Etalab de la licence (etalab-2.0, odbl-1.0, cc-by-4.0)'),
    title: z.string().describe('Nom de la licence'),
    url: z.string().describe('Texte de la licence'),
  })
  .describe('Licence de réutilisation des données');
export type Licence = z.infer<typeof Licence>;

/** The deployment's open-data settings (OPEN_DATA_LICENCE, OPEN_DATA_PUBLISHER, SMALL_GROUP_THRESHOLD). */
export interface OpenDataSettings {
  licence: Licence;
  publisher: string;
  smallGroupThreshold: number;
}

/** What the dataset description needs beyond the questionnaire; `publicUrl` makes the links absolute. */
export type DatasetContext = Pick<OpenDataSettings, 'licence' | 'publisher'> & { publicUrl?: string };

const Distribution = z.object({
  title: z.string().describe('Nom du fichier'),
  url: z.string().describe('Adresse de téléchargement (stable)'),
  mediaType: z.string().describe('Type de média IANA'),
  format: z.string().describe('Format (CSV, JSON, HTML)'),
  description: z.string(),
});

export const Column = z.object({
  name: z.string().describe('Nom de la colonne dans le CSV'),
  title: z.string().describe('Ce que la colonne contient'),
  type: z.enum(['string', 'date', 'boolean', 'integer']).describe('Type de valeur (Table Schema)'),
  description: z.string(),
});
export type Column = z.infer<typeof Column>;

export const Dataset = z
  .object({
    id: z.string().describe('Identifiant stable du jeu de données (celui du questionnaire)'),
    identifier: z.string().describe('Identifiant pérenne : l’adresse de la page des résultats'),
    title: z.string(),
    description: z.string(),
    keywords: z.array(z.string()).describe('Mots-clés : démarche, participation citoyenne'),
    licence: Licence,
    publisher: z.string().describe('Producteur des données'),
    issued: z.string().describe('Date de première publication des résultats (ISO 8601, UTC)'),
    modified: z.string().describe('Date de dernière modification des données (ISO 8601, UTC)'),
    landingPage: z.string().describe('Page des résultats, lisible par tous'),
    distributions: z.array(Distribution).describe('Fichiers du jeu de données'),
    columns: z.array(Column).describe('Dictionnaire des colonnes du CSV des réponses'),
  })
  .describe('Métadonnées du jeu de données (licence, producteur, dates, fichiers, colonnes)');
export type Dataset = z.infer<typeof Dataset>;

/** The CSV's columns, in order: the pseudonym, the date, completeness, then one per question. */
export function columnDictionary(q: Pick<Questionnaire, 'questions'>): Column[] {
  return [
    {
      name: 'pseudonyme',
      title: 'Pseudonyme du répondant',
      type: 'string',
      description:
        'Propre à ce jeu de données : la même personne a un autre pseudonyme dans un autre questionnaire (les lignes ne peuvent pas être recoupées).',
    },
    {
      name: 'date',
      title: 'Date de la réponse',
      type: 'date',
      description: 'Jour (heure de Paris) de la première réponse, sans l’heure. AAAA-MM-JJ.',
    },
    {
      name: 'complet',
      title: 'Réponse complète',
      type: 'boolean',
      description:
        '« oui » si la personne a répondu à toutes les questions qui lui ont été posées (selon ses réponses).',
    },
    ...q.questions.map((question): Column => ({
      name: questionColumn(question.id),
      title: question.prompt,
      type: question.kind === 'scale' ? 'integer' : 'string',
      description: [COLUMN_KINDS[question.kind], conditionNote(question, q.questions)].filter(Boolean).join(' '),
    })),
  ];
}

/** Skip logic, said in the dictionary: why a conditional question's cell is often empty. */
function conditionNote(question: Question, questions: readonly Question[]): string | undefined {
  const showIf = question.showIf;
  if (!showIf) return undefined;
  const on = questions.findIndex((q) => q.id === showIf.questionId);
  const column = questionColumn(showIf.questionId);
  return (
    `Question conditionnelle : posée seulement à qui a répondu ${showIf.anyOf.map((v) => `« ${answerLabel(questions[on], v)} »`).join(' ou ')} ` +
    `à la question ${on + 1} (colonne ${column}) ; vide pour les autres.`
  );
}

const answerLabel = (question: Question | undefined, value: string) =>
  question?.kind === 'yes_no'
    ? value === 'yes'
      ? 'oui'
      : 'non'
    : ((question && 'options' in question ? question.options.find((o) => o.id === value)?.label : undefined) ?? value);

const COLUMN_KINDS: Record<Question['kind'], string> = {
  single_choice: 'Choix unique : le libellé de l’option choisie.',
  multiple_choice: 'Choix multiple : les libellés des options choisies, séparés par « | ».',
  scale: 'Note sur l’échelle de la question.',
  yes_no: '« oui » ou « non ».',
  short_text:
    'Réponse libre, publiée seulement après approbation par un agent, coordonnées masquées ; vide sinon (en attente ou refusée).',
  ranking: 'Classement : les libellés des options, de la première à la dernière, séparés par « | ».',
};

export const questionColumn = (questionId: string) => `question_${questionId}`;

/** When the results first became public: at opening (live) or at closing. */
export const datasetIssued = (q: Pick<Questionnaire, 'resultsPolicy' | 'opensAt' | 'closesAt'>) =>
  q.resultsPolicy === 'public_live' ? q.opensAt : q.closesAt;

/**
 * The last change of the data: while a live questionnaire is open, now (answers keep coming);
 * otherwise the latest of its publication, its last edit and its last moderation decision.
 */
export function datasetModified(
  q: Pick<Questionnaire, 'resultsPolicy' | 'opensAt' | 'closesAt' | 'updatedAt'>,
  decisions: readonly { decidedAt: string }[],
  now: Date,
): string {
  if (q.resultsPolicy === 'public_live' && now.toISOString() < q.closesAt) return now.toISOString();
  return [datasetIssued(q), q.updatedAt, ...decisions.map((d) => d.decidedAt)].reduce((a, b) => (b > a ? b : a));
}

export function describeDataset(
  q: Questionnaire,
  decisions: readonly { decidedAt: string }[],
  now: Date,
  context: DatasetContext,
): Dataset {
  const base = context.publicUrl ?? '';
  const paths = publicResultsPaths(q.id);
  return {
    id: q.id,
    identifier: `${base}${paths.page}`,
    title: `Résultats du questionnaire « ${q.title} »`,
    description:
      `Réponses au questionnaire « ${q.title} », ouvert du ${q.opensAt.slice(0, 10)} au ${q.closesAt.slice(0, 10)} : ` +
      'résultats agrégés (JSON) et une ligne par répondant sous pseudonyme (CSV). Les réponses libres ne figurent ' +
      'qu’après modération ; les petits effectifs des tableaux croisés sont masqués.',
    keywords: ['participation citoyenne', 'questionnaire', ...(q.demarcheSlug ? [q.demarcheSlug] : [])],
    licence: context.licence,
    publisher: context.publisher,
    issued: datasetIssued(q),
    modified: datasetModified(q, decisions, now),
    landingPage: `${base}${paths.page}`,
    distributions: [
      {
        title: 'resultats.json',
        url: `${base}${paths.json}`,
        mediaType: 'application/json',
        format: 'JSON',
        description: 'Résultats agrégés : effectifs et parts par question, réponses libres approuvées.',
      },
      {
        title: 'reponses.csv',
        url: `${base}${paths.csv}`,
        mediaType: 'text/csv',
        format: 'CSV',
        description: 'Une ligne par répondant (pseudonyme), séparateur « ; », UTF-8 avec BOM.',
      },
    ],
    columns: columnDictionary(q),
  };
}

const CATALOG_TITLE = 'Résultats des questionnaires de participation citoyenne';

const dated = (value: string) => ({ '@value': value, '@type': 'xsd:dateTime' });
const french = (value: string) => ({ '@value': value, '@language': 'fr' });
const FRENCH = { '@id': 'http://publications.europa.eu/resource/authority/language/FRA' };

/** The catalogue in DCAT-AP 2 (JSON-LD): what data.gouv.fr and the European portals harvest. */
export function dcatCatalog(datasets: readonly Dataset[], context: DatasetContext & { publicUrl: string }) {
  const agent = { '@type': 'foaf:Agent', 'foaf:name': context.publisher };
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${context.publicUrl}${OPEN_DATA_PATHS.dcat}`,
    '@type': 'dcat:Catalog',
    'dct:title': french(CATALOG_TITLE),
    'dct:description': french(
      `Jeux de données publiés par ${context.publisher} : les résultats des questionnaires dont la politique de résultats le permet.`,
    ),
    'dct:publisher': agent,
    'dct:language': FRENCH,
    'dct:license': { '@id': context.licence.url },
    'foaf:homepage': { '@id': `${context.publicUrl}${OPEN_DATA_PATHS.html}` },
    'dcat:dataset': datasets.map((d) => ({
      '@id': d.identifier,
      '@type': 'dcat:Dataset',
      'dct:identifier': d.identifier,
      'dct:title': french(d.title),
      'dct:description': french(d.description),
      'dct:issued': dated(d.issued),
      'dct:modified': dated(d.modified),
      'dct:publisher': agent,
      'dct:language': FRENCH,
      'dcat:keyword': d.keywords.map(french),
      'dcat:landingPage': { '@id': d.landingPage },
      'dcat:distribution': d.distributions.map((file) => ({
        '@id': file.url,
        '@type': 'dcat:Distribution',
        'dct:title': file.title,
        'dct:description': french(file.description),
        'dcat:accessURL': { '@id': file.url },
        'dcat:downloadURL': { '@id': file.url },
        'dcat:mediaType': { '@id': `http://www.iana.org/assignments/media-types/${file.mediaType}` },
        'dct:format': file.format,
        'dct:license': { '@id': d.licence.url },
      })),
    })),
  };
}

/** The documented JSON list of `/open-data/datasets.json`. */
export const DatasetList = z
  .object({
    title: z.string(),
    publisher: z.string(),
    licence: Licence,
    smallGroupThreshold: z
      .number()
      .int()
      .describe('Seuil sous lequel un effectif de tableau croisé ou de groupe de réponses libres est masqué'),
    extractedAt: z.string().describe('Date d’extraction (ISO 8601, UTC)'),
    datasets: z.array(Dataset),
  })
  .describe('Liste des jeux de données publiés (résultats de questionnaires)');
export type DatasetList = z.infer<typeof DatasetList>;

export const datasetList = (datasets: Dataset[], settings: OpenDataSettings, now: Date): DatasetList => ({
  title: CATALOG_TITLE,
  publisher: settings.publisher,
  licence: settings.licence,
  smallGroupThreshold: settings.smallGroupThreshold,
  extractedAt: now.toISOString(),
  datasets,
});
