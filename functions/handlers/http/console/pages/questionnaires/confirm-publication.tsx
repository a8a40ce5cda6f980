// The confirmation step of a publication: results promised private become public from now on. It
// lists what the public will see and what stays private (the responses already received), and
// carries the agent's form unchanged, so « Confirmer » saves exactly what they typed.
import type { FC } from 'hono/jsx';
import type { PublicationConsequences } from '#core/questionnaires/policy-change';
import { RESULTS_POLICY_LABELS, type ResultsPolicy } from '#core/questionnaires/questionnaire';
import { type FormValues, valuesOf } from '../../ui/forms';
import { countOf } from '../../ui/format';

export const CONFIRM_PUBLICATION = 'confirmer-publication';

const keptPrivateLine = (n: number) =>
  n === 0
    ? 'Aucune réponse n’a encore été reçue : toutes celles à venir compteront dans les résultats publics.'
    : `${countOf(n, 'réponse déjà reçue', 'réponses déjà reçues')} : ${n === 1 ? 'donnée' : 'données'} sous la promesse « résultats privés », ${n === 1 ? 'elle restera' : 'elles resteront'} hors de toute sortie publique.`;

export const PublicationConfirmation: FC<{
  action: string;
  policy: ResultsPolicy;
  consequences: PublicationConsequences;
  values: FormValues;
}> = ({ action, policy, consequences, values }) => (
  <section class="stack" aria-labelledby="confirmation-titre">
    <div class="notice warning" role="alert">
      <h2 id="confirmation-titre">Rendre publics des résultats promis privés ?</h2>
      <p>
        Les résultats passent de « {RESULTS_POLICY_LABELS.private} » à « {RESULTS_POLICY_LABELS[policy]} ».{' '}
        {keptPrivateLine(consequences.keptPrivate)}
      </p>
    </div>
    <h3>Ce qui deviendra public</h3>
    <ul>
      {consequences.visible.map((line) => (
        <li>{line}</li>
      ))}
    </ul>
    <h3>Ce qui restera privé</h3>
    <ul>
      {consequences.staysPrivate.map((line) => (
        <li>{line}</li>
      ))}
    </ul>
    <form method="post" action={action} class="actions">
      {Object.keys(values)
        .filter((name) => name !== 'action')
        .flatMap((name) => valuesOf(values, name).map((value) => <input type="hidden" name={name} value={value} />))}
      <button type="submit" name="action" value={CONFIRM_PUBLICATION}>
        Confirmer
      </button>
      <button type="submit" name="action" value="apercu" class="secondary">
        Revenir au formulaire sans enregistrer
      </button>
    </form>
  </section>
);
