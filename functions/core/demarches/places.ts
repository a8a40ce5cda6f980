// The places a démarche concerns and a subscriber can follow: the 24 communes of Nantes
// Métropole and the 11 quartiers of Nantes. Slugs are stable keys; labels are shown.
import * as z from 'zod';

export const COMMUNES = {
  'basse-goulaine': 'Basse-Goulaine',
  bouaye: 'Bouaye',
  bouguenais: 'Bouguenais',
  brains: 'Brains',
  carquefou: 'Carquefou',
  coueron: 'Couëron',
  indre: 'Indre',
  'la-chapelle-sur-erdre': 'La Chapelle-sur-Erdre',
  'la-montagne': 'La Montagne',
  'le-pellerin': 'Le Pellerin',
  'les-sorinieres': 'Les Sorinières',
  'mauves-sur-loire': 'Mauves-sur-Loire',
  nantes: 'Nantes',
  orvault: 'Orvault',
  reze: 'Rezé',
  'saint-aignan-grandlieu': 'Saint-Aignan-Grandlieu',
  'saint-herblain': 'Saint-Herblain',
  'saint-jean-de-boiseau': 'Saint-Jean-de-Boiseau',
  'saint-leger-les-vignes': 'Saint-Léger-les-Vignes',
  'saint-sebastien-sur-loire': 'Saint-Sébastien-sur-Loire',
  'sainte-luce-sur-loire': 'Sainte-Luce-sur-Loire',
  sautron: 'Sautron',
  'thouare-sur-loire': 'Thouaré-sur-Loire',
  vertou: 'Vertou',
} as const;

export const QUARTIERS_DE_NANTES = {
  'nantes-centre-ville': 'Centre-ville',
  'nantes-bellevue-chantenay-sainte-anne': 'Bellevue – Chantenay – Sainte-Anne',
  'nantes-dervallieres-zola': 'Dervallières – Zola',
  'nantes-hauts-paves-saint-felix': 'Hauts-Pavés – Saint-Félix',
  'nantes-malakoff-saint-donatien': 'Malakoff – Saint-Donatien',
  'nantes-ile-de-nantes': 'Île de Nantes',
  'nantes-breil-barberie': 'Breil – Barberie',
  'nantes-nord': 'Nantes Nord',
  'nantes-erdre': 'Nantes Erdre',
  'nantes-doulon-bottiere': 'Doulon – Bottière',
  'nantes-sud': 'Nantes Sud',
} as const;

export const TERRITORIES: Record<string, { kind: 'commune' | 'quartier'; label: string }> = {
  ...Object.fromEntries(Object.entries(COMMUNES).map(([k, label]) => [k, { kind: 'commune' as const, label }])),
  ...Object.fromEntries(
    Object.entries(QUARTIERS_DE_NANTES).map(([k, label]) => [k, { kind: 'quartier' as const, label }]),
  ),
};

const territorySlugs = Object.keys(TERRITORIES) as [string, ...string[]];
export const Territory = z.enum(territorySlugs).describe('Commune de la métropole ou quartier de Nantes');
export type Territory = z.infer<typeof Territory>;

/** Themes the city files its démarches under; subscribers can follow a theme. */
export const THEMES = {
  longevite: 'Longévité et âges de la vie',
  mobilites: 'Mobilités',
  environnement: 'Environnement et nature en ville',
  energie: 'Transition énergétique',
  urbanisme: 'Urbanisme et espaces publics',
  logement: 'Logement',
  solidarites: 'Solidarités',
  culture: 'Culture et patrimoine',
  education: 'Éducation et jeunesse',
  sante: 'Santé',
  economie: 'Économie et emploi',
  loire: 'Loire',
  numerique: 'Numérique',
  sport: 'Sport',
  alimentation: 'Alimentation',
} as const;

export const Theme = z.enum(Object.keys(THEMES) as [keyof typeof THEMES, ...(keyof typeof THEMES)[]]);
export type Theme = z.infer<typeof Theme>;
