// The French an agent reads for each rule they can break: one message per rule, naming the field,
// with zod's rule name kept in `rule` for programs.
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { CampaignInput } from '#core/campaigns/campaign';
import { DemarcheInput } from '#core/demarches/demarche';
import { QuestionnaireInput } from '#core/questionnaires/questionnaire';
import { Answer } from '#core/questionnaires/response';
import { DomainError } from '#core/shared/errors';
import { parseOrThrow, violationsOf } from '#core/shared/parse';
import '#core/shared/schema';

const campaign = {
  message: { title: 'Plan vélo', text: 'Donnez votre avis', link: 'https://dialoguecitoyen.metropole.nantes.fr/velo' },
  channels: ['telegram'],
  sendAt: '2026-12-01T09:00',
};
const demarche = {
  slug: 'plan-velo',
  title: 'Plan vélo',
  summary: 'Des pistes cyclables',
  link: 'https://dialoguecitoyen.metropole.nantes.fr/velo',
  territories: ['nantes'],
};
const questionnaire = {
  title: 'Vos trajets',
  questions: [{ kind: 'yes_no', id: 'q1', prompt: 'À vélo ?' }],
  opensAt: '2026-12-01T09:00',
  closesAt: '2026-12-15T09:00',
  nextSteps: 'Les réponses nourrissent le plan.',
};

/** The violations `input` breaks, as the API reports them. */
function violations(schema: z.ZodType, input: unknown) {
  const parsed = schema.safeParse(input);
  if (parsed.success) throw new Error('expected a refusal');
  return violationsOf(parsed.error);
}

describe('French messages for agents', () => {
  it('says a missing field is required, naming it by its path', () => {
    expect(violations(CampaignInput, { ...campaign, message: { ...campaign.message, title: undefined } })).toEqual([
      { field: 'message.title', rule: 'invalid_type', message: 'message.title : champ obligatoire' },
    ]);
  });

  it('says which type was expected and what came instead', () => {
    expect(violations(CampaignInput, { ...campaign, message: { ...campaign.message, text: 42 } })).toEqual([
      { field: 'message.text', rule: 'invalid_type', message: 'message.text : il faut un texte, pas un nombre' },
    ]);
    const [list] = violations(DemarcheInput, { ...demarche, territories: 'nantes' });
    expect(list?.message).toBe('territories : il faut une liste, pas un texte');
    const [choice] = violations(QuestionnaireInput, { ...questionnaire, resultsPolicy: 'public' });
    expect(choice?.field).toBe('resultsPolicy');
    const scale = { kind: 'scale', id: 'n', prompt: 'Note ?', minLabel: 'bof', maxLabel: 'top', max: 4.5 };
    const [int] = violations(QuestionnaireInput, { ...questionnaire, questions: [scale] });
    expect(int).toMatchObject({ rule: 'invalid_type', message: 'questions.0.max : il faut un nombre entier, pas 4.5' });
  });

  it('counts the characters of a text that is too long or empty, in characters as people count them', () => {
    const title = 'é'.repeat(249) + '🚲';
    expect(violations(CampaignInput, { ...campaign, message: { ...campaign.message, title } })).toEqual([
      { field: 'message.title', rule: 'too_big', message: 'message.title : 250 caractères, 200 au plus' },
    ]);
    expect(violations(DemarcheInput, { ...demarche, title: '   ' })[0]).toEqual({
      field: 'title',
      rule: 'too_small',
      message: 'title : ne peut pas être vide',
    });
    expect(violations(DemarcheInput, { ...demarche, slug: 'a' })[0]?.message).toBe('slug : 1 caractère, 2 au moins');
  });

  it('counts the elements of a list that is too long or too short', () => {
    const [tooMany] = violations(DemarcheInput, { ...demarche, themes: Array(11).fill('mobilites') });
    expect(tooMany).toEqual({ field: 'themes', rule: 'too_big', message: 'themes : 11 éléments, 10 au plus' });
    const [none] = violations(DemarcheInput, { ...demarche, territories: [] });
    expect(none).toEqual({
      field: 'territories',
      rule: 'too_small',
      message: 'territories : liste vide, il faut au moins 1 élément',
    });
  });

  it('gives the bound a number broke, and the number', () => {
    const scale = { kind: 'scale', id: 'n', prompt: 'Note ?', minLabel: 'bof', maxLabel: 'top' };
    const [big] = violations(QuestionnaireInput, { ...questionnaire, questions: [{ ...scale, max: 12 }] });
    expect(big).toMatchObject({
      field: 'questions.0.max',
      rule: 'too_big',
      message: 'questions.0.max : au plus 10, pas 12',
    });
    const [small] = violations(QuestionnaireInput, { ...questionnaire, questions: [{ ...scale, min: -1 }] });
    expect(small?.message).toBe('questions.0.min : au moins 0, pas -1');
  });

  it('lists the values an enum accepts, and the one it got', () => {
    const [kind] = violations(DemarcheInput, {
      ...demarche,
      steps: [{ id: 's1', kind: 'apero', title: 'Apéro', start: '2026-12-01T09:00' }],
    });
    expect(kind?.field).toBe('steps.0.kind');
    expect(kind?.rule).toBe('invalid_value');
    expect(kind?.message).toMatch(
      /^steps\.0\.kind : valeur inconnue « apero » ; valeurs possibles : « information », /,
    );
    expect(kind?.message).toMatch(/« citizen_opinion » ou « decision »$/);
  });

  it('names the unknown tag of a tagged union and the tags it knows', () => {
    const [tag] = violations(QuestionnaireInput, {
      ...questionnaire,
      questions: [{ kind: 'essay', id: 'q', prompt: 'P' }],
    });
    expect(tag).toMatchObject({ field: 'questions.0.kind', rule: 'invalid_union' });
    expect(tag?.message).toBe(
      'questions.0.kind : valeur inconnue « essay » ; valeurs possibles : « single_choice », « multiple_choice », « scale », « yes_no », « short_text » ou « ranking »',
    );
  });

  it('says which forms an untagged union accepts', () => {
    expect(violations(Answer, null)).toEqual([
      {
        field: '',
        rule: 'invalid_union',
        message: 'Il faut une liste, un nombre, true ou false, ou un texte, pas null',
      },
    ]);
  });

  it('explains a bad date and a bad address with an example', () => {
    const [date] = violations(CampaignInput, { ...campaign, sendAt: 'demain 9 h' });
    expect(date).toMatchObject({ field: 'sendAt', rule: 'iso_datetime' });
    expect(date?.message).toMatch(/^sendAt : date et heure ISO-8601 attendues, par exemple 2026-12-01T09:00/);
    const [url] = violations(DemarcheInput, { ...demarche, link: 'dialoguecitoyen.fr' });
    expect(url).toEqual({
      field: 'link',
      rule: 'invalid_format',
      message: 'link : adresse web invalide : une URL complète est attendue, par exemple https://exemple.fr/page',
    });
  });

  it('names unknown fields', () => {
    const Patch = z.strictObject({ sendAt: z.string().optional() });
    expect(violations(Patch, { sendat: 'x' })).toEqual([
      { field: 'sendat', rule: 'unknown_field', message: 'sendat : champ inconnu ou non modifiable' },
    ]);
    const Nested = z.strictObject({ message: z.strictObject({ title: z.string() }) });
    expect(violations(Nested, { message: { title: 't', titel: 'u', body: 'v' } }).map((v) => v.message)).toEqual([
      'message.titel : champ inconnu ou non modifiable',
      'message.body : champ inconnu ou non modifiable',
    ]);
  });

  it('names the field in the rules our schemas add themselves, keeping their rule names', () => {
    const [slug] = violations(DemarcheInput, { ...demarche, slug: 'Plan Vélo' });
    expect(slug).toEqual({
      field: 'slug',
      rule: 'invalid_format',
      message: 'slug : minuscules, chiffres et tirets uniquement',
    });
    const [closes] = violations(QuestionnaireInput, { ...questionnaire, closesAt: questionnaire.opensAt });
    expect(closes).toEqual({
      field: 'closesAt',
      rule: 'closes_after_opens',
      message: 'closesAt : la clôture doit suivre l’ouverture',
    });
  });

  it('sums up the first violation in the error, and counts the others', () => {
    let error: unknown;
    try {
      parseOrThrow(DemarcheInput, { ...demarche, title: '', summary: undefined, link: 'x' }, 'la démarche');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toBe(
      'la démarche est invalide : title : ne peut pas être vide (et 2 autres erreurs)',
    );
  });

  it('never falls back to English or to zod’s French', () => {
    const Everything = z.object({
      a: z.string(),
      b: z.number().multipleOf(5),
      c: z.email(),
      d: z.string().startsWith('x'),
      e: z.record(z.string().regex(/^[a-z]+$/), z.number()),
      f: z.literal('x'),
      g: z.iso.date(),
      h: z.string().refine(() => false),
    });
    const messages = violations(Everything, { a: null, b: 3, c: 'x', d: 'y', e: { A: 1 }, f: 'y', g: 'z', h: '' }).map(
      (v) => v.message,
    );
    expect(messages).toEqual([
      'a : il faut un texte, pas null',
      'b : doit être un multiple de 5',
      'c : adresse e-mail invalide',
      'd : doit commencer par « x »',
      'e.A : clé invalide',
      'f : la valeur « x » est attendue',
      'g : date ISO-8601 attendue, par exemple 2026-12-01',
      'h : valeur invalide',
    ]);
  });
});
