// The Bot API methods the simulator implements, by name. Telegram matches method names case-insensitively.
import { answerCallbackQuery, deleteMyCommands, getMe, getMyCommands, setMyCommands } from './bot';
import { leaveChat } from './chats';
import type { MethodHandler } from './context';
import { sendDocument } from './documents';
import { deleteMessage, editMessageCaption, editMessageReplyMarkup, editMessageText } from './editing';
import { sendChatAction, sendMessage, sendPhoto } from './messages';
import { deleteWebhook, getUpdates, getWebhookInfo, setWebhook } from './updates';

const METHODS: Record<string, MethodHandler> = {
  getMe,
  setWebhook,
  deleteWebhook,
  getWebhookInfo,
  getUpdates,
  sendMessage,
  sendPhoto,
  sendDocument,
  sendChatAction,
  editMessageText,
  editMessageCaption,
  editMessageReplyMarkup,
  deleteMessage,
  answerCallbackQuery,
  setMyCommands,
  getMyCommands,
  deleteMyCommands,
  leaveChat,
};

const BY_LOWER_NAME = new Map(
  Object.entries(METHODS).map(([name, handler]) => [name.toLowerCase(), { name, handler }]),
);

/** The handler and canonical name of a method, or undefined for Telegram's 404. */
export const findMethod = (name: string) => BY_LOWER_NAME.get(name.toLowerCase());

export type { ApiContext } from './context';
export { Described } from './context';
