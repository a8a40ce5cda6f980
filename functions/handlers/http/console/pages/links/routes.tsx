// « Liens et QR codes »: start links for posters and flyers (core/links). Agents create one for a
// démarche, a theme or a place, copy its t.me link, download its QR code (PNG for print, SVG for
// layout) and see how many subscriptions each brought. Readers see; editors create and delete.
// While the bot's username is unknown (TELEGRAM_BOT_USERNAME) the page says so instead of a broken link.
import type { Context } from 'hono';
import { qrPng, qrSvg } from '#adapters/qr/qr-code';
import { hasRole } from '#core/agents/agent';
import { authorize } from '#core/agents/use-cases';
import { listDemarches } from '#core/demarches/use-cases';
import { telegramStartUrl } from '#core/links/start-link';
import { createStartLink, deleteStartLink, getStartLink, listStartLinks } from '#core/links/use-cases';
import { type Violation, conflict, isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { page } from '../../layout';
import { setNotice } from '../../session-cookie';
import { type FormValues, readForm, valueOf } from '../../ui/forms';
import { AddLinkForm, LinkTable } from './link-views';

const botUsernameOf = (deps: HttpDeps) => deps.botUsername?.() ?? Promise.resolve(undefined);

async function linksPage(
  c: Context<ConsoleEnv>,
  deps: HttpDeps,
  form: { values: FormValues; violations: readonly Violation[] } = { values: {}, violations: [] },
) {
  const [links, demarches, botUsername] = await Promise.all([
    listStartLinks(deps),
    listDemarches(deps, { limit: 100 }).then((p) => p.items),
    botUsernameOf(deps),
  ]);
  const canEdit = hasRole(c.get('agent').role, 'editor');
  return page(
    c,
    'Liens et QR codes',
    'liens',
    <>
      <h1>Liens et QR codes</h1>
      <p>
        Un lien t.me ouvre le bot Telegram et fait suivre une démarche, un thème ou un lieu, après l’accord de la
        personne sur ce que nous gardons. Imprimez son QR code sur une affiche ou un flyer : le compteur dit combien de
        personnes se sont mises à suivre grâce à lui (une fois par personne), sans rien garder sur qui.
      </p>
      {!botUsername && (
        <p role="status" class="card">
          Le nom du bot Telegram est inconnu : définissez TELEGRAM_BOT_USERNAME (sans @) pour afficher les liens et
          télécharger les QR codes. Les liens créés en attendant resteront valables.
        </p>
      )}
      <section aria-labelledby="liste-liens">
        <h2 id="liste-liens">Liens</h2>
        <LinkTable links={links} demarches={demarches} botUsername={botUsername} canEdit={canEdit} />
      </section>
      {canEdit && (
        <section aria-labelledby="nouveau-lien">
          <h2 id="nouveau-lien">Créer un lien</h2>
          <AddLinkForm demarches={demarches} values={form.values} violations={form.violations} />
        </section>
      )}
    </>,
    form.violations.length > 0 ? 400 : 200,
  );
}

/** `demarche:<slug>` → the API's target; the form's one field carries every violation about it. */
function targetOf(value: string) {
  const [kind, ...rest] = value.split(':');
  return { kind, key: rest.join(':') };
}
const onTargetField = (violations: readonly Violation[]) =>
  violations.map((v) =>
    !v.field.startsWith('target')
      ? v
      : v.field === 'target.key' && v.rule === 'demarche_exists'
        ? { ...v, field: 'target' }
        : { ...v, field: 'target', message: 'choisissez ce que le lien fait suivre' },
  );

async function qrUrl(deps: HttpDeps, id: string) {
  const url = telegramStartUrl(await botUsernameOf(deps), (await getStartLink(deps, id)).id);
  if (!url)
    throw conflict('le nom du bot Telegram est inconnu : définissez TELEGRAM_BOT_USERNAME', 'telegram_bot_username');
  return url;
}

export function linkPages(app: ConsoleApp, deps: HttpDeps) {
  app.get('/console/liens', (c) => linksPage(c, deps));

  app.post('/console/liens', async (c) => {
    authorize(c.get('agent'), 'editor');
    const values = await readForm(c.req);
    try {
      const link = await createStartLink(deps, c.get('agent'), {
        target: targetOf(valueOf(values, 'target')),
        label: valueOf(values, 'label'),
      });
      setNotice(c, `Lien « ${link.label} » créé : copiez-le ou téléchargez son QR code ci-dessous.`);
      return c.redirect('/console/liens', 303);
    } catch (error) {
      if (!isDomainError(error) || error.code !== 'Invalid') throw error;
      return linksPage(c, deps, { values, violations: onTargetField(error.violations) });
    }
  });

  app.post('/console/liens/:id/supprimer', async (c) => {
    authorize(c.get('agent'), 'editor');
    const { label } = await getStartLink(deps, c.req.param('id'));
    await deleteStartLink(deps, c.req.param('id'));
    setNotice(c, `Lien « ${label} » supprimé.`);
    return c.redirect('/console/liens', 303);
  });

  app.get('/console/liens/:id/qr.png', async (c) => {
    const id = c.req.param('id');
    return c.body(new Uint8Array(await qrPng(await qrUrl(deps, id))), 200, {
      'Content-Type': 'image/png',
      'Content-Disposition': `attachment; filename="qr-${id}.png"`,
    });
  });

  app.get('/console/liens/:id/qr.svg', async (c) => {
    const id = c.req.param('id');
    return c.body(await qrSvg(await qrUrl(deps, id)), 200, {
      'Content-Type': 'image/svg+xml',
      'Content-Disposition': `attachment; filename="qr-${id}.svg"`,
    });
  });
}
