// The open-data index for people: every published dataset with its page and files, the licence,
// the small-group threshold, and the machine-readable lists a portal harvests.
import { OPEN_DATA_PATHS } from '#core/results/paths';
import type { DatasetList } from '#core/results/open-data';
import { formatDate } from '../console/ui/format';
import { renderPublicPage } from './layout';

export function openDataPage(list: DatasetList): Promise<string> {
  return renderPublicPage(
    'Données ouvertes',
    <>
      <h1>Données ouvertes : résultats des questionnaires</h1>
      <p>
        Les résultats des questionnaires dont les résultats sont publics, publiés par {list.publisher} sous{' '}
        <a href={list.licence.url}>{list.licence.title}</a>. Les réponses n’y figurent que sous un pseudonyme propre à
        chaque questionnaire ; les réponses libres seulement après relecture par l’équipe ; dans les tableaux croisés et
        les groupes de réponses libres, aucun effectif inférieur à {list.smallGroupThreshold} n’est montré.
      </p>
      <section aria-labelledby="jeux">
        <h2 id="jeux">Jeux de données ({list.datasets.length})</h2>
        {list.datasets.length === 0 ? (
          <p>Aucun jeu de données publié pour l’instant.</p>
        ) : (
          <>
            {list.datasets.map((d) => (
              <article class="card" aria-labelledby={`jeu-${d.id}`}>
                <h3 id={`jeu-${d.id}`}>
                  <a href={d.landingPage}>{d.title}</a>
                </h3>
                <p>{d.description}</p>
                <p class="muted">
                  Publié le {formatDate(d.issued)}, mis à jour le {formatDate(d.modified)}.
                </p>
                <ul aria-labelledby={`jeu-${d.id}`}>
                  {d.distributions.map((file) => (
                    <li>
                      <a href={file.url}>
                        {file.title} <span class="muted">({file.format})</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="moissonnage">
        <h2 id="moissonnage">Pour les portails et les développeurs</h2>
        <ul>
          <li>
            <a href={OPEN_DATA_PATHS.json}>Liste documentée des jeux de données (JSON)</a>, avec le dictionnaire des
            colonnes de chaque CSV
          </li>
          <li>
            <a href={OPEN_DATA_PATHS.dcat}>Catalogue DCAT-AP 2 (JSON-LD)</a>, moissonnable par data.gouv.fr et les
            portails européens
          </li>
        </ul>
      </section>
    </>,
  );
}
