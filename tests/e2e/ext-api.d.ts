// In extension pages the tests evaluate code that calls the WebExtension API: `browser` in
// Firefox, `chrome` in Chromium. Both expose the calls the tests use with the same shapes.
declare const chrome: import('webextension-polyfill').Browser;
