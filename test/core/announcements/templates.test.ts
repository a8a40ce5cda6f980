// Templates: the built-in ones use only known placeholders; an agent's template naming an unknown
// one, or left empty, or with an X text too long, is refused when saved; a saved template re-renders
// the pending announcements at the next tick, and an X text puts them on X too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnnouncedDemarche } from '#core/announcements/demarche-hook';
import { DEFAULT_TEMPLATES } from '#core/announcements/default-templates';
import { RULES } from '#core/announcements/rules';
import { TEMPLATE_KEYS, placeholderViolations } from '#core/announcements/template';
import { listAnnouncementTemplates, saveAnnouncementTemplate } from '#core/announcements/template-use-cases';
import { announcementId } from '#core/announcements/wanted';
import { type TestStore, startTestStore } from '../../support/dynalite';
import { AGENT, newClock, tickDeps, timeline } from './support';

let testStore: TestStore;
beforeEach(async () => {
  testStore = await startTestStore();
});
afterEach(() => testStore.close());

const words = {
  fr: { title: 'Ça commence : {demarche}', text: '{etape}, le {date} à {heure}.' },
  en: { title: 'It starts: {demarche}', text: '{etape}, on {date} at {heure}.' },
};

describe('announcement templates', () => {
  it('has a built-in template for each rule and step kind it applies to, with known placeholders only', () => {
    const expected = Object.entries(RULES).flatMap(([rule, r]) => r.kinds.map((kind) => `${rule}.${kind}`));
    expect([...TEMPLATE_KEYS].sort()).toEqual(expected.sort());
    for (const key of TEMPLATE_KEYS) expect(placeholderViolations(DEFAULT_TEMPLATES[key])).toEqual([]);
  });

  it('refuses an unknown placeholder, naming it and the known ones, and an empty text', async () => {
    const { deps } = tickDeps(testStore.store, newClock());
    const typo = { ...words, en: { ...words.en, text: 'See {etpae}' } };
    await expect(saveAnnouncementTemplate(deps, AGENT, 'step_opens.workshop', typo)).rejects.toMatchObject({
      code: 'Invalid',
      violations: [
        {
          field: 'en.text',
          rule: 'template_placeholder_known',
          message: '{etpae} n’est pas un champ connu : utilisez {demarche}, {etape}, {date}, {heure}, {lien}, {jours}',
        },
      ],
    });
    const empty = { ...words, fr: { ...words.fr, title: '  ' } };
    await expect(saveAnnouncementTemplate(deps, AGENT, 'step_opens.workshop', empty)).rejects.toMatchObject({
      code: 'Invalid',
      violations: [{ field: 'fr.title', rule: 'too_small' }],
    });
    const long = { ...words, x: `{demarche} {etape} ${'a'.repeat(120)} {lien}` };
    await expect(saveAnnouncementTemplate(deps, AGENT, 'step_opens.workshop', long)).rejects.toMatchObject({
      violations: [{ field: 'x', rule: 'x_post_max_280' }],
    });
    await expect(saveAnnouncementTemplate(deps, AGENT, 'step_opens.nope', words)).rejects.toMatchObject({
      code: 'Invalid',
    });
    expect((await listAnnouncementTemplates(deps)).every((t) => !t.custom)).toBe(true);
  });

  it('re-renders pending announcements at the next tick once a template is saved; an X text adds X', async () => {
    const clock = newClock();
    const { deps, tick } = tickDeps(testStore.store, clock);
    await createAnnouncedDemarche(deps, AGENT, timeline());
    await tick();
    await saveAnnouncementTemplate(deps, AGENT, 'step_opens.workshop', { ...words, x: '{demarche} : {etape} {lien}' });
    expect(await tick()).toMatchObject({ reconciled: 1 });
    const workshop = await deps.store.campaigns.get(announcementId('budget-2027', 'atelier', 'step_opens'));
    expect(workshop).toMatchObject({
      status: 'scheduled',
      channels: ['telegram', 'feeds', 'x'],
      xText: 'Budget participatif 2027 : Atelier de quartier https://participer.example/budget-2027',
      message: {
        title: 'Ça commence : Budget participatif 2027',
        text: 'Atelier de quartier, le jeudi 5 mars à 18:00.',
        en: { text: 'Atelier de quartier, on Thursday 5 March at 18:00.' },
      },
    });
    expect(await tick()).toMatchObject({ reconciled: 0 });
  });
});
