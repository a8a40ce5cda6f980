// The command menu Telegram shows next to the message field: French by default, English for
// clients set to English. Called once at start-up or deploy, not per update (two API calls).
import type { Telegram } from 'telegraf';
import { en } from '../messages/en';
import { fr } from '../messages/fr';

export async function registerCommands(telegram: Telegram): Promise<void> {
  await telegram.setMyCommands(fr.commands);
  await telegram.setMyCommands(en.commands, { language_code: 'en' });
}
