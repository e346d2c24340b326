/*
 * The Mandate demo backend: catalog with the Agent kind, scaffolder, notifications,
 * permissions with the demo policy, and a demo sign-in for the example users.
 */
import { createBackend } from '@backstage/backend-defaults';
import { authModuleDemoProvider } from './modules/demoAuthProvider';
import { permissionModuleMandateDemoPolicy } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(authModuleDemoProvider);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@mandate/plugin-catalog-backend-module-agents'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleMandateDemoPolicy);

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@mandate/plugin-scaffolder-backend-module-agents'));

backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@mandate/plugin-agents-backend'));
// Pulls from the gateways in agents.gateways.http; none are configured in the demo.
backend.add(import('@mandate/plugin-agents-backend-module-gateway-http'));
// The demo estate's history and recorded telemetry (agents.demo); never in production.
backend.add(import('@mandate/plugin-agents-backend-module-demo'));

// Registered actions as MCP tools at /api/mcp-actions/v1 (backend.actions.pluginSources).
backend.add(import('@backstage/plugin-mcp-actions-backend'));

backend.start();
