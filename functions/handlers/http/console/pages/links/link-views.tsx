// What the « Liens et QR codes » page shows: each start link with what it follows, where it is
// posted, the subscriptions it brought, its t.me link to copy and its QR code to download; the form
// that creates one.
import type { FC } from 'hono/jsx';
import type { Demarche } from '#core/demarches/demarche';
import { THEMES, TERRITORIES } from '#core/demarches/places';
import { type StartLink, type StartLinkTarget, telegramStartUrl } from '#core/links/start-link';
import type { Violation } from '#core/shared/errors';
import { ActionButton, ErrorSummary, type FormValues, SelectField, TextField, valueOf } from '../../ui/forms';
import { countOf, formatShortDateTime } from '../../ui/format';
import { ScrollRegion } from '../../ui/scroll-region';

export function targetLabel(target: StartLinkTarget, demarches: readonly Demarche[]): string {
  if (target.kind === 'demarche')
    return `Démarche : ${demarches.find((d) => d.slug === target.key)?.title ?? `${target.key} (supprimée)`}`;
  if (target.kind === 'theme') return `Thème : ${THEMES[target.key]}`;
  const place = TERRITORIES[target.key];
  return `${place?.kind === 'quartier' ? 'Quartier de Nantes' : 'Commune'} : ${place?.label ?? target.key}`;
}

export const LinkTable: FC<{
  links: readonly StartLink[];
  demarches: readonly Demarche[];
  botUsername: string | undefined;
  canEdit: boolean;
}> = ({ links, demarches, botUsername, canEdit }) =>
  links.length === 0 ? (
    <p class="muted">Aucun lien : créez-en un pour une affiche, un flyer ou un message.</p>
  ) : (
    <ScrollRegion label="Liens">
      <table>
        <caption>Liens d’abonnement, le plus récent d’abord (heure de Paris)</caption>
        <thead>
          <tr>
            <th scope="col">Où il est affiché</th>
            <th scope="col">Ce qu’il fait suivre</th>
            <th scope="col">Abonnements apportés</th>
            <th scope="col">Lien Telegram</th>
            <th scope="col">QR code</th>
            {canEdit && <th scope="col">Actions</th>}
          </tr>
        </thead>
        <tbody>
          {links.map((link) => {
            const url = telegramStartUrl(botUsername, link.id);
            const base = `/console/liens/${encodeURIComponent(link.id)}`;
            return (
              <tr>
                <th scope="row">
                  {link.label}
                  <br />
                  <span class="muted">créé le {formatShortDateTime(link.createdAt)}</span>
                </th>
                <td>{targetLabel(link.target, demarches)}</td>
                <td>{countOf(link.subscriptions, 'abonnement', 'abonnements')}</td>
                <td>
                  {url ? (
                    <input
                      type="text"
                      readonly
                      value={url}
                      aria-label={`Lien Telegram à copier : ${link.label}`}
                      size={40}
                    />
                  ) : (
                    <span class="muted">nom du bot inconnu</span>
                  )}
                </td>
                <td>
                  {url ? (
                    <>
                      <a href={`${base}/qr.png`} download={`qr-${link.id}.png`}>
                        PNG<span class="visually-hidden"> : {link.label}</span>
                      </a>{' '}
                      ·{' '}
                      <a href={`${base}/qr.svg`} download={`qr-${link.id}.svg`}>
                        SVG<span class="visually-hidden"> : {link.label}</span>
                      </a>
                    </>
                  ) : (
                    <span class="muted">indisponible</span>
                  )}
                </td>
                {canEdit && (
                  <td>
                    <ActionButton
                      action={`${base}/supprimer`}
                      label={`Supprimer ${link.label}`}
                      confirm={`Supprimer le lien « ${link.label} » ? Une affiche qui le montre encore mènera à l’inscription normale, avec « ce lien n’est plus valable ».`}
                      danger
                    />
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );

export const AddLinkForm: FC<{
  demarches: readonly Demarche[];
  values: FormValues;
  violations: readonly Violation[];
}> = ({ demarches, values, violations }) => {
  const options = [
    ...demarches.map((d) => ({ value: `demarche:${d.slug}`, label: `Démarche : ${d.title}` })),
    ...Object.entries(THEMES).map(([key, label]) => ({ value: `theme:${key}`, label: `Thème : ${label}` })),
    ...Object.entries(TERRITORIES).map(([key, place]) => ({
      value: `territory:${key}`,
      label: `${place.kind === 'quartier' ? 'Quartier de Nantes' : 'Commune'} : ${place.label}`,
    })),
  ];
  return (
    <form method="post" action="/console/liens" class="stack card" novalidate>
      <ErrorSummary violations={violations} />
      <SelectField
        name="target"
        label="Ce que le lien fait suivre"
        hint="Une démarche, un thème ou un lieu. La personne accepte d’abord les conditions, puis suit ce que vous choisissez ici."
        value={valueOf(values, 'target')}
        options={options}
        empty="Choisir…"
        violations={violations}
      />
      <TextField
        name="label"
        label="Où il sera affiché"
        hint="Pour vous y retrouver et comparer les affiches, par exemple « Affiche halle du marché de Talensac »."
        value={valueOf(values, 'label')}
        violations={violations}
        required
        maxLength={120}
        autocomplete="off"
      />
      <button type="submit">Créer le lien</button>
    </form>
  );
};
