// The server definition: its name, its least-privileged permission manifest and its tools.
import { definePermissions } from '@m365-mcp/auth';
import type { ServerDefinition } from '@m365-mcp/mcp-kit';
import { assessGuestAccounts } from './assess-guest-accounts.js';

export const examplePermissions = definePermissions('m365-example', [
  {
    permission: 'User.Read.All',
    reason: 'assess_guest_accounts reads the users to find the guests',
    access: 'read',
  },
]);

export const exampleServer: ServerDefinition = {
  name: 'm365-example',
  title: 'Example server (the adding-a-tool guide)',
  version: '0.0.0',
  instructions: 'assess_guest_accounts answers "who from outside can sign in?".',
  permissions: examplePermissions,
  tools: [assessGuestAccounts],
};
