import type { IncomingMessage } from 'node:http';
import type { AuthContext } from '$lib/server/auth/auth-context';
import type { SwitchboardApp } from '$lib/server/app';
import type { Locale } from '$lib/shared/schemas/common';

declare global {
  namespace App {
    interface Error {
      code?: string;
    }
    interface Locals {
      app: SwitchboardApp;
      auth: AuthContext | null;
      /** A page that chose its language itself (the public status page), for <html lang>. */
      pageLocale?: Locale;
    }
    interface Platform {
      req: IncomingMessage & { switchboard?: SwitchboardApp };
    }
  }
}

export {};
