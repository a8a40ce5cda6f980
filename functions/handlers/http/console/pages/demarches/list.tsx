// The list of démarches: each with the step it is at now, its themes and its territories.
import type { FC } from 'hono/jsx';
import { type Demarche, STEP_KIND_LABELS, type Step, stepPhase } from '#core/demarches/demarche';
import { TERRITORIES, THEMES } from '#core/demarches/places';
import { formatShortDateTime } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

/** The step open now; else the next one; else the last one (steps are stored in timeline order). */
function currentStep(steps: readonly Step[], now: Date): Step | undefined {
  return (
    steps.find((s) => stepPhase(s, now) === 'open') ??
    steps.find((s) => stepPhase(s, now) === 'upcoming') ??
    steps.at(-1)
  );
}

const PHASE_WORDS = { open: 'en cours', upcoming: 'à venir', past: 'passée' } as const;

const StepCell: FC<{ steps: readonly Step[]; now: Date }> = ({ steps, now }) => {
  const step = currentStep(steps, now);
  if (!step) return <span class="muted">Aucune étape</span>;
  return (
    <>
      {step.title}{' '}
      <span class="muted">
        ({STEP_KIND_LABELS[step.kind]}, {PHASE_WORDS[stepPhase(step, now)]}, {formatShortDateTime(step.start)})
      </span>
    </>
  );
};

const themeLabels = (d: Pick<Demarche, 'themes'>) => d.themes.map((t) => THEMES[t]).join(', ') || '—';
const territoryLabels = (d: Pick<Demarche, 'territories'>) =>
  d.territories.map((t) => TERRITORIES[t]?.label ?? t).join(', ');

export const DemarcheTable: FC<{ demarches: readonly Demarche[]; now: Date }> = ({ demarches, now }) => (
  <ScrollRegion label="Démarches">
    <table>
      <caption>Démarches, par identifiant</caption>
      <thead>
        <tr>
          <th scope="col">Démarche</th>
          <th scope="col">Étape actuelle (heure de Paris)</th>
          <th scope="col">Thèmes</th>
          <th scope="col">Territoires</th>
          <th scope="col">Plateforme</th>
        </tr>
      </thead>
      <tbody>
        {demarches.map((d) => (
          <tr>
            <td>
              <a href={`/console/demarches/${encodeURIComponent(d.slug)}`}>{d.title}</a>
            </td>
            <td>
              <StepCell steps={d.steps} now={now} />
            </td>
            <td>{themeLabels(d)}</td>
            <td>{territoryLabels(d)}</td>
            <td>
              <a href={d.link} rel="noopener noreferrer">
                Page publique<span class="visually-hidden"> de « {d.title} »</span>
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  </ScrollRegion>
);
