import '../../lib/annotate/marks.css';
import { providePart } from '../../lib/page/parts';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    // When Sidenote began on this page, for `npm run bench` (beside its sidenote-detect/-mark measures).
    performance.mark?.('sidenote-start');
    // The wiring (zod, the settings and message schemas) is a file of its own, evaluated in a
    // task of its own (lib/page/parts.ts); it starts with this script's context.
    providePart('context', ctx);
  },
});
