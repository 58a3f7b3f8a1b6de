import marksCss from '../annotate/marks.css?raw';
import { markStylesheet } from '../annotate/styles';
import { STYLE_ID } from './names';

/**
 * How marks look, as one `<style>` in the page while Sidenote marks it. In Chromium it carries
 * the marks' rules (lib/annotate/marks.css) too, so no declared stylesheet tells every page that
 * Sidenote is installed. Firefox keeps marks.css declared in the manifest: it stops a removed
 * extension's script before it can clean up, and only a declared stylesheet leaves with it.
 */
export class MarkStyle {
  constructor(private doc: Document) {}

  apply(dark: boolean, kinds: Parameters<typeof markStylesheet>[1]): void {
    let style = this.doc.getElementById(STYLE_ID);
    if (!style) {
      style = this.doc.createElement('style');
      style.id = STYLE_ID;
      (this.doc.head ?? this.doc.documentElement).append(style);
    }
    const own = import.meta.env.FIREFOX ? '' : `${marksCss}\n`;
    style.textContent = own + markStylesheet(dark, kinds);
  }

  remove(): void {
    this.doc.getElementById(STYLE_ID)?.remove();
  }
}
