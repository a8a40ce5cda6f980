// What the sources page shows: each imported feed with its status (last success, last error in
// words), « Vérifier maintenant » and « Retirer », and the form that adds one.
import type { FC } from 'hono/jsx';
import type { Demarche } from '#core/demarches/demarche';
import { type FeedSource, isFailing } from '#core/imports/feed-source';
import type { Violation } from '#core/shared/errors';
import { ActionButton, ErrorSummary, type FormValues, SelectField, TextField, valueOf } from '../../ui/forms';
import { formatShortDateTime } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

const when = (iso: string | undefined, never: string) => (iso ? formatShortDateTime(iso) : never);

const Status: FC<{ source: FeedSource }> = ({ source: { status } }) =>
  !status.lastCheckedAt ? (
    <span class="muted">pas encore lue</span>
  ) : isFailing(status) ? (
    <strong>en échec</strong>
  ) : (
    <span>à jour</span>
  );

export const SourceTable: FC<{ sources: readonly FeedSource[]; demarches: readonly Demarche[]; canEdit: boolean }> = ({
  sources,
  demarches,
  canEdit,
}) =>
  sources.length === 0 ? (
    <p class="muted">Aucune source : ajoutez le flux RSS ou Atom d’une page de la plateforme de participation.</p>
  ) : (
    <ScrollRegion label="Sources">
      <table>
        <caption>Flux importés (heure de Paris)</caption>
        <thead>
          <tr>
            <th scope="col">Source</th>
            <th scope="col">Démarche</th>
            <th scope="col">État</th>
            <th scope="col">Dernier succès</th>
            <th scope="col">Dernière erreur</th>
            <th scope="col">Articles importés</th>
            {canEdit && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {sources.map((source) => (
            <tr>
              <th scope="row">
                {source.label}
                <br />
                <a href={source.url} class="muted">
                  {source.url}
                </a>
              </th>
              <td>
                {source.demarcheSlug
                  ? (demarches.find((d) => d.slug === source.demarcheSlug)?.title ?? source.demarcheSlug)
                  : 'global'}
              </td>
              <td>
                <Status source={source} />
              </td>
              <td>{when(source.status.lastSuccessAt, 'jamais')}</td>
              <td>
                {source.status.lastErrorAt
                  ? `${formatShortDateTime(source.status.lastErrorAt)} : ${source.status.lastError ?? ''}`
                  : 'aucune'}
              </td>
              <td>{source.status.entriesImported}</td>
              {canEdit && (
                <td>
                  <div class="actions compact">
                    <ActionButton
                      action={`/console/sources/${encodeURIComponent(source.id)}/verifier`}
                      label={`Vérifier maintenant : ${source.label}`}
                      secondary
                    />
                    <ActionButton
                      action={`/console/sources/${encodeURIComponent(source.id)}/retirer`}
                      label={`Retirer ${source.label}`}
                      confirm={`Retirer la source « ${source.label} » ? Les articles déjà importés restent dans les flux.`}
                      danger
                    />
                  </div>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );

export const AddSourceForm: FC<{
  demarches: readonly Demarche[];
  values: FormValues;
  violations: readonly Violation[];
}> = ({ demarches, values, violations }) => (
  <form method="post" action="/console/sources" class="stack card" novalidate>
    <ErrorSummary violations={violations} />
    <TextField
      name="url"
      label="Adresse du flux (RSS ou Atom)"
      hint="Une adresse http ou https publique, par exemple https://participer.example/projets/feed."
      type="url"
      value={valueOf(values, 'url')}
      violations={violations}
      required
      maxLength={2000}
      autocomplete="off"
    />
    <TextField
      name="label"
      label="Nom de la source"
      hint="Pour vous y retrouver, par exemple « Actualités de la plateforme »."
      value={valueOf(values, 'label')}
      violations={violations}
      required
      maxLength={120}
      autocomplete="off"
    />
    <SelectField
      name="demarcheSlug"
      label="Démarche"
      hint="Les articles paraissent dans le flux de la démarche et sont annoncés à ses abonné·es selon son réglage (relecture ou automatique). Global : annonces toujours en brouillon."
      value={valueOf(values, 'demarcheSlug')}
      options={demarches.map((d) => ({ value: d.slug, label: d.title }))}
      empty="Global (toutes les démarches)"
      violations={violations}
    />
    <button type="submit">Ajouter la source</button>
  </form>
);
