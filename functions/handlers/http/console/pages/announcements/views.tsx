// Views of announcements the console shares: a draft's card (preview in French and English, when,
// where from, the three buttons), and a démarche's announcements as a table with their status
// (« périmée » when cancelled because its time had passed).
import type { FC } from 'hono/jsx';
import { wasExpired } from '#core/announcements/expiry';
import type { AnnouncementView } from '#core/announcements/listing';
import { RULE_LABELS } from '#core/announcements/rules';
import type { TelegramFormat } from '#core/campaigns/telegram-format';
import { StatusBadge, channelList } from '../../ui/campaign-bits';
import { formatDateTime } from '../../ui/format';
import { ActionButton } from '../../ui/forms';
import { TelegramBubble } from '../../ui/telegram-bubble';

export const announcementPath = (id: string) => `/console/annonces/${encodeURIComponent(id)}`;

export const AnnouncementStatus: FC<{ view: AnnouncementView }> = ({ view }) =>
  wasExpired(view.campaign) ? (
    <span class="badge cancelled">périmée</span>
  ) : (
    <StatusBadge status={view.campaign.status} />
  );

const Origin: FC<{ view: AnnouncementView }> = ({ view }) => (
  <p class="muted">
    {RULE_LABELS[view.rule]} —{' '}
    <a href={`/console/demarches/${encodeURIComponent(view.demarche.slug)}`}>{view.demarche.title}</a>
    {view.step ? `, étape « ${view.step.title} »` : ', étape supprimée'} — envoi le{' '}
    {formatDateTime(view.campaign.sendAt)} ({channelList(view.campaign)})
  </p>
);

/** A pending announcement: what Telegram will show, in both languages, and what an agent can do with it. */
export const AnnouncementCard: FC<{ view: AnnouncementView; format: TelegramFormat; canEdit: boolean }> = ({
  view,
  format,
  canEdit,
}) => {
  const { campaign } = view;
  return (
    <article class="card" aria-labelledby={`annonce-${campaign.id}`}>
      <h3 id={`annonce-${campaign.id}`}>
        {campaign.message.title} <AnnouncementStatus view={view} />
      </h3>
      <Origin view={view} />
      <TelegramBubble html={format.render(campaign, 'fr').html} label="Aperçu Telegram, en français" />
      {campaign.message.en && (
        <TelegramBubble html={format.render(campaign, 'en').html} label="Aperçu Telegram, en anglais" />
      )}
      {canEdit && (
        <div class="actions">
          {campaign.status === 'draft' && (
            <ActionButton action={`${announcementPath(campaign.id)}/approuver`} label="Approuver" />
          )}
          <a class="button secondary" href={`/console/campagnes/${encodeURIComponent(campaign.id)}`}>
            Modifier
          </a>
          <ActionButton
            action={`${announcementPath(campaign.id)}/annuler`}
            label="Annuler"
            danger
            confirm="Annuler cette annonce ? Elle ne sera jamais envoyée."
          />
        </div>
      )}
    </article>
  );
};

/** A démarche's announcements, in timeline order, each linked to its campaign. */
export const DemarcheAnnouncements: FC<{ views: readonly AnnouncementView[] }> = ({ views }) => (
  <section aria-labelledby="annonces-demarche">
    <h2 id="annonces-demarche">Annonces de la frise</h2>
    {views.length === 0 ? (
      <p class="muted">Aucune annonce pour l’instant : elles sont créées à l’enregistrement des étapes.</p>
    ) : (
      <table>
        <thead>
          <tr>
            <th scope="col">Étape</th>
            <th scope="col">Annonce</th>
            <th scope="col">Envoi</th>
            <th scope="col">État</th>
          </tr>
        </thead>
        <tbody>
          {views.map((view) => (
            <tr>
              <td>{view.step?.title ?? 'étape supprimée'}</td>
              <td>
                <a href={`/console/campagnes/${encodeURIComponent(view.campaign.id)}`}>{RULE_LABELS[view.rule]}</a>
              </td>
              <td>{formatDateTime(view.campaign.sendAt)}</td>
              <td>
                <AnnouncementStatus view={view} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
    <p>
      <a href="/console/annonces">Annonces à approuver</a> ·{' '}
      <a href="/console/annonces/modeles">Modèles des annonces</a>
    </p>
  </section>
);
