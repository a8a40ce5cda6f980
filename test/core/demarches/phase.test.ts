// A démarche's phase from its timeline: what orders the follow menu and labels it in words.
import { describe, expect, it } from 'vitest';
import { Demarche } from '#core/demarches/demarche';
import { demarchePhase, sortByPhase } from '#core/demarches/phase';

const NOW = new Date('2026-11-25T10:00:00Z');
const step = (id: string, start: string, end?: string, cancelled?: boolean) => ({
  id,
  kind: 'consultation' as const,
  title: 'Étape',
  start,
  ...(end ? { end } : {}),
  ...(cancelled ? { cancelled } : {}),
});
const demarche = (slug: string, steps: ReturnType<typeof step>[]) =>
  Demarche.parse({
    slug,
    title: slug,
    summary: 'Résumé.',
    link: 'https://example.org/d',
    territories: ['nantes'],
    steps,
    createdAt: '2026-10-01T00:00:00Z',
    updatedAt: '2026-10-01T00:00:00Z',
    version: 1,
  });

describe('demarchePhase', () => {
  it('is in progress while a step runs, or between a past step and one to come', () => {
    expect(demarchePhase(demarche('d-a', [step('s', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')]), NOW)).toBe(
      'in_progress',
    );
    const between = [step('p', '2026-10-01T00:00:00Z', '2026-10-15T00:00:00Z'), step('u', '2027-01-01T00:00:00Z')];
    expect(demarchePhase(demarche('d-b', between), NOW)).toBe('in_progress');
  });

  it('is upcoming before any step starts, or with no timeline yet; ended once every step is past', () => {
    expect(demarchePhase(demarche('d-c', [step('u', '2027-01-01T00:00:00Z')]), NOW)).toBe('upcoming');
    expect(demarchePhase(demarche('d-d', []), NOW)).toBe('upcoming');
    expect(demarchePhase(demarche('d-e', [step('p', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z')]), NOW)).toBe(
      'ended',
    );
  });

  it('ignores cancelled steps', () => {
    const steps = [
      step('p', '2025-01-01T00:00:00Z', '2025-02-01T00:00:00Z'),
      step('x', '2027-01-01T00:00:00Z', undefined, true),
    ];
    expect(demarchePhase(demarche('d-f', steps), NOW)).toBe('ended');
  });
});

describe('sortByPhase', () => {
  it('puts in progress first (by title), then upcoming (soonest first), then ended (latest ended first)', () => {
    const sorted = sortByPhase(
      [
        demarche('ended-old', [step('p', '2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z')]),
        demarche('upcoming-late', [step('u', '2027-06-01T00:00:00Z')]),
        demarche('zz-running', [step('s', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')]),
        demarche('ended-recent', [step('p', '2025-01-01T00:00:00Z', '2025-09-01T00:00:00Z')]),
        demarche('upcoming-soon', [step('u', '2027-01-01T00:00:00Z')]),
        demarche('aa-running', [step('s', '2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z')]),
      ],
      NOW,
    );
    expect(sorted.map((d) => `${d.demarche.slug}:${d.phase}`)).toEqual([
      'aa-running:in_progress',
      'zz-running:in_progress',
      'upcoming-soon:upcoming',
      'upcoming-late:upcoming',
      'ended-recent:ended',
      'ended-old:ended',
    ]);
  });
});
