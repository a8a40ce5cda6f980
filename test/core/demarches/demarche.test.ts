import { describe, expect, it } from 'vitest';
import { DemarcheInput, type Step, reviseSteps, sortSteps, stepPhase } from '#core/demarches/demarche';
import { demoData } from '#local/demo-data';

describe('démarche', () => {
  it('normalises dates to UTC and refuses a step ending before it starts', () => {
    const base = { slug: 'a-b', title: 'T', summary: 'S', link: 'https://e.org', territories: ['nantes'] };
    const ok = DemarcheInput.parse({
      ...base,
      steps: [{ id: 's', kind: 'workshop', title: 'W', start: '2026-12-01T18:00:00+01:00' }],
    });
    expect(ok.steps[0]?.start).toBe('2026-12-01T17:00:00.000Z');
    const bad = DemarcheInput.safeParse({
      ...base,
      steps: [{ id: 's', kind: 'workshop', title: 'W', start: '2026-12-02T00:00:00Z', end: '2026-12-01T00:00:00Z' }],
    });
    expect(bad.error?.issues[0]).toMatchObject({ path: ['steps', 0, 'end'] });
  });

  it('refuses an unknown territory and a bad slug', () => {
    const base = { slug: 'a-b', title: 'T', summary: 'S', link: 'https://e.org', territories: ['nantes'] };
    expect(DemarcheInput.safeParse({ ...base, territories: ['paris'] }).success).toBe(false);
    expect(DemarcheInput.safeParse({ ...base, slug: 'Pas Un Slug' }).success).toBe(false);
  });

  it('refuses the slug the console reserves for its creation page', () => {
    const base = { slug: 'nouvelle', title: 'T', summary: 'S', link: 'https://e.org', territories: ['nantes'] };
    const parsed = DemarcheInput.safeParse(base);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ params: { rule: 'slug_reserved' } });
  });

  it('demo data is valid and always has a step open today and one to come', () => {
    const today = new Date();
    const data = demoData(today);
    const demarches = data.demarches.map((d) => DemarcheInput.parse(d));
    expect(demarches[0]?.steps).toHaveLength(6);
    const phases = demarches.flatMap((d) => sortSteps(d.steps).map((s) => stepPhase(s, today)));
    expect(phases).toContain('open');
    expect(phases).toContain('upcoming');
  });

  it('numbers each step’s revisions: new at 0, changed +1 with the time, unchanged kept, an agent’s own sequence ignored', () => {
    const open: Step = { id: 'a', kind: 'consultation', title: 'Ouverture', start: '2026-12-01T09:00:00.000Z' };
    const synthesis: Step = { id: 'b', kind: 'synthesis', title: 'Synthèse', start: '2027-01-10T09:00:00.000Z' };
    const first = reviseSteps([], [open, synthesis], '2026-11-01T00:00:00.000Z');
    expect(first.map((s) => [s.sequence, s.revisedAt])).toEqual([
      [0, '2026-11-01T00:00:00.000Z'],
      [0, '2026-11-01T00:00:00.000Z'],
    ]);
    const moved = { ...synthesis, start: '2027-01-17T09:00:00.000Z', sequence: 40 };
    const second = reviseSteps(first, [{ ...open, sequence: 9 }, moved], '2026-11-02T00:00:00.000Z');
    expect(second.map((s) => [s.id, s.sequence, s.revisedAt])).toEqual([
      ['a', 0, '2026-11-01T00:00:00.000Z'],
      ['b', 1, '2026-11-02T00:00:00.000Z'],
    ]);
  });
});
