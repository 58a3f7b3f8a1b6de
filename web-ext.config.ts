import { defineWebExtConfig } from 'wxt';

// `wxt` dev mode would try to open a browser; tests start their own.
export default defineWebExtConfig({ disabled: true });
