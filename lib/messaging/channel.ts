import browser from 'webextension-polyfill';
import * as z from 'zod/mini';
import { lazy } from '../lazy';
import {
  type BackgroundName,
  EXTENSION_PAGES_ONLY,
  type Protocol,
  type RequestOf,
  type ResponseOf,
  type TabName,
  toBackground,
  toTab,
} from './protocol';
import { fail, ok, type Reply, replySchema } from './reply';

/** Our messages carry this tag so that other extensions' or pages' messages are ignored. */
const envelopeSchema = lazy(() => z.object({ sidenote: z.literal(1), name: z.string(), request: z.unknown() }));

type Handlers<P extends Protocol> = {
  [K in keyof P]?: (
    request: z.output<P[K]['request']>,
    sender: browser.Runtime.MessageSender,
  ) => Promise<ResponseOf<P, K>>;
};

/**
 * Waits before a message whose delivery failed is sent again. A service worker the browser stops
 * while a message is in flight never answers it; the next message starts a fresh worker, which
 * answers from the cache what the old one had fetched. Handler errors are replies, not retried;
 * messages to tabs are not either (a tab without Sidenote simply does not answer).
 */
const REDELIVERY_WAITS_MS = [100, 400];

async function deliverWithRetry(deliver: (message: unknown) => Promise<unknown>, message: unknown): Promise<unknown> {
  for (let attempt = 0; ; attempt++) {
    let failure: unknown;
    try {
      const reply = await deliver(message);
      // Every handler answers with a Reply. No answer at all means no one took the message: the
      // worker stopped with it in flight (the polyfill reports that closed port as `undefined`).
      if (reply !== undefined) return reply;
      failure = new Error('No answer from the background');
    } catch (error) {
      failure = error;
    }
    const wait = REDELIVERY_WAITS_MS[attempt];
    if (wait === undefined) throw failure;
    await new Promise((done) => setTimeout(done, wait));
  }
}

async function send<P extends Protocol, K extends keyof P & string>(
  protocol: P,
  name: K,
  request: RequestOf<P, K>,
  deliver: (message: unknown) => Promise<unknown>,
): Promise<Reply<ResponseOf<P, K>>> {
  try {
    const raw = await deliver({ sidenote: 1, name, request });
    const parsed = replySchema((protocol[name] as P[K]).response).safeParse(raw);
    if (!parsed.success) return fail(`Malformed reply to ${name}`);
    return parsed.data as Reply<ResponseOf<P, K>>;
  } catch (error) {
    return fail(error);
  }
}

/** Sends a message to the background worker and returns its validated reply. */
export function sendToBackground<K extends BackgroundName>(
  name: K,
  request: RequestOf<typeof toBackground, K>,
): Promise<Reply<ResponseOf<typeof toBackground, K>>> {
  return send(toBackground, name, request, (m) =>
    deliverWithRetry((message) => browser.runtime.sendMessage(message), m),
  );
}

/** Sends a message to the content script of one tab (top frame) and returns its validated reply. */
export function sendToTab<K extends TabName>(
  tabId: number,
  name: K,
  request: RequestOf<typeof toTab, K>,
): Promise<Reply<ResponseOf<typeof toTab, K>>> {
  return send(toTab, name, request, (m) => browser.tabs.sendMessage(tabId, m, { frameId: 0 }));
}

export interface ListenerOptions {
  /**
   * Answer a message in our envelope that names no handler here with an error, rather than leave it
   * to other listeners: the background is the only listener of `toBackground` messages.
   */
  answerUnknown?: boolean;
  /** Messages only the extension's own pages may send (`EXTENSION_PAGES_ONLY`), checked with `trusted`. */
  privileged?: readonly string[];
  trusted?: (sender: browser.Runtime.MessageSender) => boolean;
}

/** "entities[0].name: Too big…": which field of a request was refused, and why, in a line. */
function issueOf(error: z.core.$ZodError): string {
  const issue = error.issues[0];
  if (!issue) return '';
  const path = issue.path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
  return `: ${path ? `${path}: ` : ''}${issue.message}`.slice(0, 200);
}

/**
 * Whether a message comes from one of the extension's own pages (background, popup, options), not
 * a content script: its sender is this extension and its document is at the extension's address.
 * A content script's sender carries the web page's address.
 */
export function fromExtensionPage(
  sender: browser.Runtime.MessageSender,
  extensionUrl = browser.runtime.getURL('/'),
): boolean {
  if (sender.id !== undefined && sender.id !== browser.runtime.id) return false;
  if (!sender.url) return false;
  try {
    return new URL(sender.url).origin === new URL(extensionUrl).origin;
  } catch {
    return false;
  }
}

/**
 * Builds a `runtime.onMessage` listener that validates each request against the protocol,
 * runs its handler and always answers with a `Reply`. Messages for other protocols or with
 * no handler here are left for other listeners (the listener returns undefined), unless
 * `answerUnknown` is set.
 */
export function createListener<P extends Protocol>(protocol: P, handlers: Handlers<P>, options: ListenerOptions = {}) {
  return (message: unknown, sender: browser.Runtime.MessageSender): Promise<Reply<unknown>> | undefined => {
    const envelope = envelopeSchema.safeParse(message);
    if (!envelope.success) return undefined;
    const { name, request } = envelope.data;
    const handler = Object.hasOwn(protocol, name) ? handlers[name as keyof P] : undefined;
    if (!handler) {
      return options.answerUnknown ? Promise.resolve(fail(`Unknown message ${name.slice(0, 40)}`)) : undefined;
    }
    if (options.privileged?.includes(name) && !options.trusted?.(sender)) {
      return Promise.resolve(fail(`${name} is answered only to Sidenote's own pages`));
    }
    const parsed = protocol[name as keyof P]!.request.safeParse(request);
    if (!parsed.success) return Promise.resolve(fail(`Invalid request for ${name}${issueOf(parsed.error)}`));
    return handler(parsed.data as z.output<P[keyof P]['request']>, sender).then(ok, fail);
  };
}

/**
 * The background's listener: every message in our envelope is answered (unknown names with an
 * error), and `EXTENSION_PAGES_ONLY` messages only to the extension's own pages.
 */
export function backgroundListener(handlers: Handlers<typeof toBackground>) {
  return createListener(toBackground, handlers, {
    answerUnknown: true,
    privileged: EXTENSION_PAGES_ONLY,
    trusted: (sender) => fromExtensionPage(sender),
  });
}

/** Listens for background messages; returns the function that stops listening. */
export function serveBackground(handlers: Handlers<typeof toBackground>): () => void {
  const listener = backgroundListener(handlers);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}

/** Listens for messages sent to this tab; returns the function that stops listening. */
export function serveTab(handlers: Handlers<typeof toTab>): () => void {
  const listener = createListener(toTab, handlers);
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
