import { HOST_TAG } from './names';

/** A zero-size fixed layer above the page; the cards inside position themselves. */
const HOST_STYLE =
  'all: initial !important; position: fixed !important; top: 0 !important; left: 0 !important; width: 0 !important; height: 0 !important; z-index: 2147483647 !important; display: block !important;';

/** What the host's `data-sidenote-*` attributes tell (tests and the bench read them). */
export interface HostState {
  /** Whether Sidenote runs on this page now. */
  active: boolean;
  /** off | working | done */
  state: 'off' | 'working' | 'done';
  article: boolean;
  marks: number;
  /** Whether the background answered (`ok` or `error`; nothing about the extension's version). */
  background: 'ok' | 'error';
  /** The page's language code, as the language test read it. */
  language: string;
}

/**
 * Sidenote's element on a page that it works on: it holds the cards' shadow root, and its
 * attributes tell Sidenote's state. Put in only once the page is one Sidenote works on.
 */
export class PageHost {
  readonly element: HTMLElement;

  constructor(doc: Document) {
    this.element = doc.createElement(HOST_TAG);
    this.element.setAttribute('style', HOST_STYLE);
    doc.documentElement.append(this.element);
  }

  set<K extends keyof HostState>(key: K, value: HostState[K]): void {
    const name = `sidenote${key[0]!.toUpperCase()}${key.slice(1)}`;
    this.element.dataset[name] = String(value);
  }

  unset(key: keyof HostState): void {
    delete this.element.dataset[`sidenote${key[0]!.toUpperCase()}${key.slice(1)}`];
  }

  get(key: keyof HostState): string | undefined {
    return this.element.dataset[`sidenote${key[0]!.toUpperCase()}${key.slice(1)}`];
  }

  remove(): void {
    this.element.remove();
  }
}
