// Failures a test or benchmark injects between the bot and the Bot API, to prove the sender loses nothing and
// duplicates nothing: error answers (5xx, 429 storms, 403), slow answers, and connections cut before or after the
// call took effect (the "outcome unknown" case a sender cannot tell apart from a timeout).

export interface FaultSpec {
  /** Method(s) affected, e.g. 'sendMessage'; all Bot API methods when absent. */
  method?: string | string[];
  /** Only calls whose chat_id is this one. */
  chatId?: number;
  /** How many calls to affect (default 1; Infinity for "until cleared"). */
  count?: number;
  /** Answer with this error instead of performing the call (500, 502, 429, 403…). */
  status?: number;
  description?: string;
  /** For status 429: the retry_after to announce (default 1). */
  retryAfter?: number;
  /** Wait this long before answering. With `status`, before the error; without, after the call took effect. */
  delayMs?: number;
  /** Cut the connection: 'before' the call takes effect (nothing sent) or 'after' (sent, but the client never knows). */
  drop?: 'before' | 'after';
  /**
   * Affect only this share of the matching calls (0–1), drawn from `seed`, the chat and how many calls
   * this fault saw for that chat: the same calls are hit whatever order concurrent senders run in.
   */
  probability?: number;
  seed?: number;
}

export interface FaultHandle {
  readonly remaining: number;
  cancel(): void;
}

interface ActiveFault {
  spec: FaultSpec;
  methods?: Set<string>;
  remaining: number;
  /** Calls seen per chat, for `probability`. */
  seen?: Map<string, number>;
}

/** A uniform draw in [0, 1) from integers (a murmur3-style mix): deterministic, no state shared between chats. */
function draw(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h = Math.imul(h ^ part, 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return (h >>> 0) / 2 ** 32;
}

/** Whether a probabilistic fault hits this call (always, for the others). */
function hits(fault: ActiveFault, chatId: unknown): boolean {
  const { probability, seed = 0 } = fault.spec;
  if (probability === undefined) return true;
  fault.seen ??= new Map();
  const chat = String(chatId);
  const n = (fault.seen.get(chat) ?? 0) + 1;
  fault.seen.set(chat, n);
  return draw(seed, Number(chatId) || 0, n) < probability;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden: bot was blocked by the user',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function faultDescription(spec: FaultSpec): string {
  if (spec.description) return spec.description;
  if (spec.status === 429) return `Too Many Requests: retry after ${spec.retryAfter ?? 1}`;
  return STATUS_TEXT[spec.status ?? 500] ?? `Error ${spec.status}`;
}

export class FaultInjector {
  private faults: ActiveFault[] = [];

  inject(spec: FaultSpec): FaultHandle {
    const fault: ActiveFault = {
      spec,
      remaining: spec.count ?? 1,
      ...(spec.method ? { methods: new Set([spec.method].flat().map((m) => m.toLowerCase())) } : {}),
    };
    this.faults.push(fault);
    return {
      get remaining() {
        return fault.remaining;
      },
      cancel: () => {
        fault.remaining = 0;
        this.faults = this.faults.filter((f) => f !== fault);
      },
    };
  }

  /** The first matching fault that hits, consumed; O(active faults), which is a handful. */
  take(method: string, chatId: unknown): FaultSpec | undefined {
    if (this.faults.length === 0) return undefined;
    const lower = method.toLowerCase();
    const fault = this.faults.find(
      (f) =>
        f.remaining > 0 &&
        (!f.methods || f.methods.has(lower)) &&
        (f.spec.chatId === undefined || Number(chatId) === f.spec.chatId) &&
        hits(f, chatId),
    );
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    return fault.spec;
  }

  clear() {
    for (const fault of this.faults) fault.remaining = 0;
    this.faults = [];
  }
}
