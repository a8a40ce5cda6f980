// Personal details masked in citizens' written answers before anyone reads them in a public
// preview: phone numbers, e-mail addresses and street addresses. Eager where a miss would expose
// someone (any grouping of a phone number, a street with its number), careful where a false
// positive would garble an opinion (years, amounts, « 3 rues », « 44 ans »), and bounded: an
// address never swallows the rest of the sentence. Applied again at every public output.
export type MaskKind = 'phone' | 'email' | 'address';

export const MASKS: Record<MaskKind, string> = {
  phone: '[téléphone masqué]',
  email: '[adresse e-mail masquée]',
  address: '[adresse masquée]',
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;

// Between the digits of a phone number: spaces (non-breaking too), dots, dashes, slashes, brackets.
const SEP = String.raw`[\s.\-/()]*`;
// Not in the middle of a longer number: no digit (with at most one separator) just before.
const NOT_AFTER_NUMBER = String.raw`(?<!\p{N}[\s.,]?)`;
const PHONE = new RegExp(
  NOT_AFTER_NUMBER +
    '(?:' +
    // International: +CC or 00CC (a country code never starts with 0, so « 1 000 500 » is safe),
    // an optional trunk « (0) », then 6 to 13 more digits in any grouping.
    String.raw`(?:\+|00)[1-9]\d{0,2}${SEP}(?:\(0\)${SEP})?\d(?:${SEP}\d){5,13}` +
    '|' +
    // French national: 0 then 9 digits, in pairs or not (06 12 34 56 78, 06.12.34.56.78, 0612345678).
    String.raw`0[1-9](?:[\s.\-/]*\d){8}` +
    String.raw`)(?![\p{N}])`,
  'gu',
);

const STREET_TYPES = [
  'rue',
  'avenue',
  'av',
  'boulevard',
  'bd',
  'bld',
  'bvd',
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
  'voie',
  'chaussée',
  'faubourg',
  'hameau',
  'lotissement',
  'parvis',
];
/** Types that are also everyday words (« 3 cours de yoga »): the street's name must then start with a capital or a digit. */
const AMBIGUOUS_TYPES = new Set(['cours', 'place', 'mail', 'passage', 'route', 'chemin', 'voie', 'square', 'parvis']);

// A house number (with bis/ter), an optional comma, a street type as a whole word (« rues » is not one).
const STREET_START = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d{1,4}(?:\s*(?:bis|ter|quater|[a-d])(?![\p{L}]))?\s*,?\s*(${STREET_TYPES.join('|')})\.?(?![\p{L}\p{N}'’-])`,
  'giu',
);
const WORD = /\s+([\p{L}\p{N}][\p{L}\p{N}'’-]*)/uy;
// Words that link the parts of a street's name (« rue de la Paix », « place du 8 Mai »).
const PARTICLES = new Set(['de', 'du', 'des', 'la', 'le', 'les', "l'", 'l’', "d'", 'd’', 'aux', 'au', 'sur', 'sous']);
// Words that start the rest of the sentence: the name stops before them.
const STOP_WORDS = new Set(
  (
    'et ou mais donc car ni or je j tu il elle on nous vous ils elles qui que qu quand où depuis pour par avec sans ' +
    'dans chez près vers à en y est sont était a ai as avons ont va vont fait font c ce cette ça cela mon ma mes ' +
    'son sa ses notre nos votre vos leur leurs un une il pas ne n se s me m te t lui au-dessus juste puis alors'
  ).split(' '),
);
const MAX_NAME_WORDS = 6;
// « , 44000 Nantes » or « 44 000 Saint-Herblain »: the town is the capitalised words after the postcode.
const POSTCODE_TOWN =
  /,?\s*\d{2}\s?\d{3}(?:\s+\p{Lu}[\p{L}'’-]*(?:[\s-](?:sur|lès|les|en|de|la|le)?[\s-]?\p{Lu}[\p{L}'’-]*)*)?(?![\p{N}])/uy;

const isCapitalisedOrNumber = (word: string) => /^[\p{Lu}\p{N}]/u.test(word);
const bareWord = (word: string) => word.toLowerCase().replace(/['’].*$/u, '');

/** Where the street's name ends after its type (at `from`), or undefined when no name follows. */
function streetNameEnd(text: string, from: number, ambiguous: boolean): number | undefined {
  let end: number | undefined;
  let at = from;
  // Punctuation ends the name: WORD only matches a word after spaces.
  for (let words = 0; words < MAX_NAME_WORDS; words++) {
    WORD.lastIndex = at;
    const match = WORD.exec(text);
    if (!match) break;
    const word = match[1]!;
    const lower = word.toLowerCase();
    const particle = PARTICLES.has(lower);
    if (!particle && (STOP_WORDS.has(lower) || STOP_WORDS.has(bareWord(word)))) break;
    if (ambiguous && end === undefined && !particle && !isCapitalisedOrNumber(word.replace(/^[ld]['’]/iu, '')))
      return undefined;
    at = match.index + match[0].length;
    // A bare particle counts only if a name follows it (« rue de la Paix », not « rue de »).
    if (!particle) end = at;
  }
  return end;
}

/** Every street address's span in `text`: number, type, name, and the postcode and town if written. */
function addressSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const start of text.matchAll(STREET_START)) {
    const type = start[1]!.toLowerCase();
    const nameEnd = streetNameEnd(text, start.index + start[0].length, AMBIGUOUS_TYPES.has(type));
    if (nameEnd === undefined) continue;
    POSTCODE_TOWN.lastIndex = nameEnd;
    const town = POSTCODE_TOWN.exec(text);
    const end = town ? nameEnd + town[0].length : nameEnd;
    if (spans.length > 0 && start.index < spans[spans.length - 1]![1]) continue;
    spans.push([start.index, end]);
  }
  return spans;
}

function maskAddresses(text: string): { text: string; count: number } {
  const spans = addressSpans(text);
  let masked = text;
  for (const [from, to] of spans.reverse()) masked = masked.slice(0, from) + MASKS.address + masked.slice(to);
  return { text: masked, count: spans.length };
}

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
  ] as const) {
    let count = 0;
    text = text.replace(pattern, () => {
      count++;
      return MASKS[kind];
    });
    if (count > 0) masked.push({ kind, count });
  }
  const addresses = maskAddresses(text);
  if (addresses.count > 0) masked.push({ kind: 'address', count: addresses.count });
  return { text: addresses.text, masked };
}
