// Limits of a reply draft, without zod: the composer's state reads them in the browser, the
// draft schema enforces them on the server.
export const DRAFT_MAX_CC = 20;
export const DRAFT_MAX_ATTACHMENTS = 10;
