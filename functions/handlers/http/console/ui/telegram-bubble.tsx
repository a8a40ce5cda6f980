// A Telegram message as the citizen sees it in their chat: the bubble with its text (the Telegram
// HTML our adapter rendered: bold, italic, links) and its inline keyboard. The HTML is parsed into
// elements, never injected: a title such as `<img src=x onerror=alert(1)>` arrives here already
// escaped by the adapter, and anything but the few tags Telegram shows is kept as plain text.
import type { Child, FC } from 'hono/jsx';

type Node = string | { tag: 'b' | 'i' | 'a'; href?: string; children: Node[] };

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'" };
const decode = (text: string) => text.replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) => ENTITIES[name]!);
const TAG = /<(\/?)(b|strong|i|em|a)(?:\s+href="([^"]*)")?\s*>/g;

/** Telegram HTML (the subset our adapter writes) as a tree; an unknown or unbalanced tag stays text. */
export function parseTelegramHtml(html: string): Node[] {
  const root: Node[] = [];
  const stack: { tag: 'b' | 'i' | 'a'; href?: string; children: Node[] }[] = [];
  const here = () => stack.at(-1)?.children ?? root;
  let last = 0;
  for (const match of html.matchAll(TAG)) {
    if (match.index > last) here().push(decode(html.slice(last, match.index)));
    last = match.index + match[0].length;
    const [, closing, name, href] = match;
    const tag = name === 'strong' ? 'b' : name === 'em' ? 'i' : (name as 'b' | 'i' | 'a');
    if (!closing) {
      const node = { tag, href: href === undefined ? undefined : decode(href), children: [] };
      here().push(node);
      stack.push(node);
    } else if (stack.at(-1)?.tag === tag) stack.pop();
    else here().push(decode(match[0]));
  }
  if (last < html.length) here().push(decode(html.slice(last)));
  return root;
}

const safeHref = (href: string | undefined) => (href && /^https?:\/\//i.test(href) ? href : undefined);

function renderNodes(nodes: Node[]): Child[] {
  return nodes.map((node) => {
    if (typeof node === 'string') return node;
    const children = renderNodes(node.children);
    if (node.tag === 'b') return <strong>{children}</strong>;
    if (node.tag === 'i') return <em>{children}</em>;
    const href = safeHref(node.href);
    return href ? (
      <a href={href} rel="noopener noreferrer nofollow">
        {children}
      </a>
    ) : (
      <>{children}</>
    );
  });
}

export interface BubbleKey {
  text: string;
}

/** One message in a chat, with its buttons; `label` names it for screen readers. */
export const TelegramBubble: FC<{
  html: string;
  keyboard?: readonly (readonly BubbleKey[])[];
  label: string;
  photoUrl?: string;
}> = ({ html, keyboard, label, photoUrl }) => (
  <figure class="telegram-chat" aria-label={label}>
    <div class="bubble">
      {photoUrl && <p class="muted">[image : {photoUrl}]</p>}
      {renderNodes(parseTelegramHtml(html))}
    </div>
    {keyboard && keyboard.length > 0 && (
      <div class="keyboard" role="group" aria-label="Boutons du message">
        {keyboard.map((row) => (
          <div class="row">
            {row.map((key) => (
              <span class="key">{key.text}</span>
            ))}
          </div>
        ))}
      </div>
    )}
  </figure>
);
