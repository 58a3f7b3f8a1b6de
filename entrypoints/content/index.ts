import '../../lib/annotate/marks.css';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    // When Sidenote began on this page, for `npm run bench` (beside its sidenote-detect/-mark measures).
    performance.mark?.('sidenote-start');
    // The wiring (and zod, the settings and message schemas) initialises in a task of its own,
    // after the script's first one: the page never waits on all of it at once.
    setTimeout(() => {
      void import('../../lib/page/start').then(({ startContent }) => startContent(ctx));
    }, 0);
  },
});
