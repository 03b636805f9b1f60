import type { IncomingMessage } from 'node:http';
import type { AuthContext } from '$lib/server/auth/auth-context';
import type { SwitchboardApp } from '$lib/server/app';

declare global {
  namespace App {
    interface Error {
      code?: string;
    }
    interface Locals {
      app: SwitchboardApp;
      auth: AuthContext | null;
    }
    interface Platform {
      req: IncomingMessage & { switchboard?: SwitchboardApp };
    }
  }
}

export {};
