// The lifecycle actions of a campaign, each a POST from its own button: schedule, unschedule,
// cancel, pause, resume, send a test. Done: back to the page it came from with a notice (303).
// Refused by a rule: that page again, saying why (and for a test without a linked chat, where to
// link it).
import type { Context } from 'hono';
import { authorize } from '#core/agents/use-cases';
import { pauseCampaign, resumeCampaign } from '#core/campaigns/sending-control';
import { sendCampaignTest } from '#core/campaigns/test-send';
import { cancelCampaign, getCampaign, scheduleCampaign, unscheduleCampaign } from '#core/campaigns/use-cases';
import { isDomainError } from '#core/shared/errors';
import type { HttpDeps } from '../../../deps';
import type { ConsoleApp, ConsoleEnv } from '../../env';
import { setNotice } from '../../session-cookie';
import type { CampaignAction } from './actions-view';
import { campaignPage, campaignPath } from './campaign-page';
import { progressPage } from './progress';

const DONE: Record<
  CampaignAction,
  { run: (deps: HttpDeps, c: Context<ConsoleEnv>, id: string) => Promise<unknown>; notice: string }
> = {
  programmer: { run: (deps, c, id) => scheduleCampaign(deps, c.get('agent'), id), notice: 'Campagne programmée' },
  deprogrammer: {
    run: (deps, c, id) => unscheduleCampaign(deps, c.get('agent'), id),
    notice: 'Campagne déprogrammée : elle est redevenue un brouillon',
  },
  annuler: { run: (deps, c, id) => cancelCampaign(deps, c.get('agent'), id), notice: 'Campagne annulée' },
  pause: {
    run: (deps, c, id) => pauseCampaign(deps, c.get('agent'), id),
    notice: 'Envoi mis en pause : plus aucun message ne part',
  },
  reprendre: { run: (deps, c, id) => resumeCampaign(deps, c.get('agent'), id), notice: 'Envoi repris' },
  test: {
    run: (deps, c, id) => sendCampaignTest(deps, c.get('agent'), id),
    notice: 'Test envoyé à votre chat Telegram',
  },
};

const FAILED: Record<CampaignAction, string> = {
  programmer: 'La campagne n’a pas été programmée',
  deprogrammer: 'La campagne n’a pas été déprogrammée',
  annuler: 'La campagne n’a pas été annulée',
  pause: 'L’envoi n’a pas été mis en pause',
  reprendre: 'L’envoi n’a pas repris',
  test: 'Le test n’a pas été envoyé',
};

/** The watching page when the action was asked from it (its buttons say `depuis=envoi`), else the campaign page. */
const fromProgress = (c: Context) => new URL(c.req.url).searchParams.get('depuis') === 'envoi';

async function act(c: Context<ConsoleEnv>, deps: HttpDeps, action: CampaignAction) {
  authorize(c.get('agent'), 'editor');
  const id = c.req.param('id')!;
  try {
    await DONE[action].run(deps, c, id);
  } catch (error) {
    if (!isDomainError(error) || error.code === 'Forbidden' || error.code === 'NotFound') throw error;
    const campaign = await getCampaign(deps, id);
    const reason = `${FAILED[action]} : ${error.message}`;
    const link = error.violations.some((v) => v.rule === 'telegram_not_linked')
      ? { href: '/console/compte', label: 'Lier mon chat Telegram (Mon compte)' }
      : undefined;
    const status = error.code === 'Invalid' ? 400 : 409;
    if (fromProgress(c)) return progressPage(c, deps, campaign, { message: reason, status });
    return campaignPage(c, deps, campaign, { message: reason, violations: [], link, status });
  }
  setNotice(c, DONE[action].notice);
  return c.redirect(fromProgress(c) ? `${campaignPath(id)}/envoi` : campaignPath(id), 303);
}

export function actionRoutes(app: ConsoleApp, deps: HttpDeps) {
  for (const action of Object.keys(DONE) as CampaignAction[])
    app.post(`/console/campagnes/:id/${action}`, (c) => act(c, deps, action));
}
