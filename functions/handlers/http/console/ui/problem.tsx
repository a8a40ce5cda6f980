// What stops a whole form rather than one field: above all, a colleague's change meanwhile (a
// version conflict), with the agent's values kept below and a link to reload the current version.
import type { FC } from 'hono/jsx';

export interface Problem {
  message: string;
  /** The page of the current version; reloading it drops what the agent typed. */
  reloadHref?: string;
}

export const ProblemBox: FC<{ problem?: Problem }> = ({ problem }) =>
  problem ? (
    <div class="error-summary" role="alert" tabindex={-1} aria-labelledby="probleme-titre">
      <h2 id="probleme-titre">{problem.message}</h2>
      {problem.reloadHref && (
        <p>
          Vos saisies sont conservées ci-dessous. <a href={problem.reloadHref}>Recharger la version actuelle</a> (vos
          saisies seront alors perdues).
        </p>
      )}
    </div>
  ) : null;
