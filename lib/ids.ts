/** The Firefox add-on id; the end-to-end tests pin a UUID against it, so keep it stable. */
export const GECKO_ID = 'sidenote@sidenote.app';
