/**
 * Credentials of the local demo stack only. They are documented in the README and bound to
 * 127.0.0.1; a real deployment passes its own through the environment and Connect config providers.
 */
export const DEMO = {
  admin: 'admin',
  adminPassword: 'admin',
  cdcUser: 'cdc',
  cdcPassword: 'cdc',
} as const;
