import { startContent } from '../../lib/page/start';

export default defineContentScript({
  matches: ['http://*/*', 'https://*/*'],
  runAt: 'document_idle',
  main(ctx) {
    startContent(ctx);
  },
});
