// The public « S'abonner » page: for all démarches, each démarche, each theme and each place that
// has démarches, the feeds (RSS, Atom, JSON Feed) and the calendar, both as webcal:// (opens the
// calendar application) and as the https address to paste into an online calendar.
import type { FC } from 'hono/jsx';
import { type CalendarScope, calendarPath } from '#core/calendars/read';
import type { SubscriptionList, SubscriptionScope } from '#core/calendars/subscriptions';
import { renderPublicPage } from './layout';

const FEEDS = [
  { file: 'rss.xml', name: 'RSS' },
  { file: 'atom.xml', name: 'Atom' },
  { file: 'feed.json', name: 'JSON Feed' },
] as const;

const feedPath = (scope: CalendarScope | undefined, file: string) =>
  scope ? `/feeds/${scope.kind}/${scope.key}/${file}` : `/feeds/${file}`;

/** webcal:// is the https address under the scheme calendar applications claim. */
const webcal = (url: string) => url.replace(/^https?:\/\//, 'webcal://');

/** One scope's links; each names its scope for screen readers, which list links out of context. */
const Links: FC<{ publicUrl: string; scope?: CalendarScope; label: string }> = ({ publicUrl, scope, label }) => {
  const ics = `${publicUrl}${calendarPath(scope)}`;
  const hidden = <span class="visually-hidden"> — {label}</span>;
  return (
    <ul class="subscriptions">
      {FEEDS.map((f) => (
        <li>
          <a href={`${publicUrl}${feedPath(scope, f.file)}`}>
            Flux {f.name}
            {hidden}
          </a>
        </li>
      ))}
      <li>
        <a href={webcal(ics)}>Calendrier (ouvrir dans mon agenda){hidden}</a>
      </li>
      <li>
        <a href={ics}>Calendrier .ics (adresse à copier){hidden}</a>
      </li>
    </ul>
  );
};

const Section: FC<{ id: string; title: string; empty: string; scopes: SubscriptionScope[]; publicUrl: string }> = (
  p,
) => (
  <section aria-labelledby={p.id}>
    <h2 id={p.id}>{p.title}</h2>
    {p.scopes.length === 0 ? (
      <p>{p.empty}</p>
    ) : (
      p.scopes.map(({ scope, label }) => (
        <article class="card" aria-labelledby={`${p.id}-${scope.key}`}>
          <h3 id={`${p.id}-${scope.key}`}>{label}</h3>
          <Links publicUrl={p.publicUrl} scope={scope} label={label} />
        </article>
      ))
    )}
  </section>
);

export function subscriptionsPage(list: SubscriptionList, publicUrl: string): Promise<string> {
  return renderPublicPage(
    'S’abonner',
    <>
      <h1>S’abonner aux actualités et aux calendriers des démarches</h1>
      <p>
        Les <strong>flux</strong> (RSS, Atom, JSON Feed) apportent les actualités des démarches dans votre lecteur de
        flux. Les <strong>calendriers</strong> ajoutent leurs étapes (consultations, ateliers, synthèses, décisions) à
        votre agenda et s’y mettent à jour tout seuls : « ouvrir dans mon agenda » lance votre application de calendrier
        ; pour un agenda en ligne, copiez l’adresse du fichier .ics et ajoutez-la comme agenda « à partir d’une URL ».
        Les heures sont celles de Paris.
      </p>
      <section aria-labelledby="tout">
        <h2 id="tout">Toutes les démarches</h2>
        <Links publicUrl={publicUrl} label="toutes les démarches" />
      </section>
      <Section
        id="demarche"
        title="Par démarche"
        empty="Aucune démarche publiée pour l’instant."
        scopes={list.demarches}
        publicUrl={publicUrl}
      />
      <Section
        id="theme"
        title="Par thème"
        empty="Aucun thème pour l’instant."
        scopes={list.themes}
        publicUrl={publicUrl}
      />
      <Section
        id="lieu"
        title="Par commune ou quartier"
        empty="Aucune commune ni quartier pour l’instant."
        scopes={list.places}
        publicUrl={publicUrl}
      />
    </>,
  );
}
