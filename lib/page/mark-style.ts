import { highlightStylesheet } from '../annotate/styles';

/**
 * How marks look while Sidenote works on the page: the `::highlight()` rules of
 * lib/annotate/styles.ts, applied to the page's text from Sidenote's own host (a `<style>` in the
 * host on `<html>`, never in the page's `<head>`).
 *
 * Chromium gets the rules here, only on pages Sidenote works on, so no declared stylesheet tells
 * every page that Sidenote is installed. Firefox declares them in the manifest instead (built from
 * the same function, both themes): it stops a removed extension's script at once, before it can
 * take its highlights out, and only a declared stylesheet leaves with the extension, so the
 * highlights left behind paint nothing. There the host's `data-sidenote-theme` picks the theme.
 */
export class MarkStyle {
  private style: HTMLStyleElement | null = null;

  constructor(private host: HTMLElement) {}

  apply(dark: boolean): void {
    this.host.dataset.sidenoteTheme = dark ? 'dark' : 'light';
    if (import.meta.env.FIREFOX) return;
    if (!this.style) {
      this.style = this.host.ownerDocument.createElement('style');
      this.host.append(this.style);
    }
    this.style.textContent = highlightStylesheet(dark ? 'dark' : 'light');
  }

  remove(): void {
    delete this.host.dataset.sidenoteTheme;
    this.style?.remove();
    this.style = null;
  }
}
