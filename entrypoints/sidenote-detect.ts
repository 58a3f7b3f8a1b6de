import { detect } from '../lib/detect/index';
import { providePart } from '../lib/page/parts';

/** Detection, evaluated by the browser in a task of its own (see lib/page/parts.ts). */
export default defineUnlistedScript(() => {
  providePart('detect', { detect });
});
