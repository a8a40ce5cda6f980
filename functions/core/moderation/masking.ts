// Personal details masked in citizens' written answers before anyone reads them in a public
// preview: phone numbers, e-mail addresses and street addresses. Deliberately eager (a false
// positive costs a word; a miss exposes someone), and applied again at every public output.
export type MaskKind = 'phone' | 'email' | 'address';

export const MASKS: Record<MaskKind, string> = {
  phone: '[téléphone masqué]',
  email: '[adresse e-mail masquée]',
  address: '[adresse masquée]',
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// French numbers (0X XX XX XX XX in any grouping, +33 / 0033 forms) and other international ones.
const PHONE = /(?<![\p{N}])(?:(?:\+|00)\d{1,3}[\s.\-/]*(?:\(0\)[\s.\-/]*)?|0)[1-9](?:[\s.\-/]*\d){8,}(?![\p{N}])/gu;
const STREET_TYPES = [
  'rue',
  'avenue',
  'av\\.?',
  'boulevard',
  'bd',
  'bld',
  'allée',
  'allee',
  'impasse',
  'chemin',
  'route',
  'quai',
  'place',
  'cours',
  'square',
  'passage',
  'rond-point',
  'résidence',
  'residence',
  'cité',
  'cite',
  'mail',
  'sentier',
  'venelle',
  'ruelle',
  'esplanade',
  'promenade',
];
// A house number (with bis/ter), an optional comma, a street type, then the name up to the end of
// the clause; an optional postcode and town after it.
const ADDRESS = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,3}\\s*(?:bis|ter|quater|[a-d])?\\s*,?\\s*(?:${STREET_TYPES.join('|')})\\s+[^,.;:!?\\n]{2,60}?(?=[,.;:!?\\n]|$)(?:\\s*,?\\s*\\d{5}(?:\\s+\\p{Lu}[\\p{L}'’-]+(?:[ -]\\p{Lu}[\\p{L}'’-]+)*)?)?`,
  'giu',
);

export interface MaskedText {
  text: string;
  /** What was masked, in order of kind: for the moderation queue's notes. */
  masked: { kind: MaskKind; count: number }[];
}

/** The text with every phone number, e-mail and street address replaced by a plain marker. */
export function maskPersonalDetails(original: string): MaskedText {
  let text = original;
  const masked: MaskedText['masked'] = [];
  for (const [kind, pattern] of [
    ['email', EMAIL],
    ['phone', PHONE],
    ['address', ADDRESS],
  ] as const) {
    let count = 0;
    text = text.replace(pattern, () => {
      count++;
      return MASKS[kind];
    });
    if (count > 0) masked.push({ kind, count });
  }
  return { text, masked };
}
