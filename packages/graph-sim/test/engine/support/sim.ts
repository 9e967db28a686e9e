// Starts a simulator over the fixture routes with one app holding every fixture role.
import { type GraphSim, type GraphSimOptions, startGraphSim } from '../../../src/index.js';
import {
  ALL_FIXTURE_ROLES,
  fixtureRoutes,
  fixtureTenant,
  httpClient,
  type SimHttpResponse,
} from './fixtures.js';

export interface TestSim {
  sim: GraphSim;
  token: string;
  clientId: string;
  get: (path: string, headers?: Record<string, string>) => Promise<SimHttpResponse>;
  call: ReturnType<typeof httpClient>['call'];
}

export async function startTestSim(options: GraphSimOptions = {}): Promise<TestSim> {
  const sim = await startGraphSim({ tenant: fixtureTenant(), routes: fixtureRoutes(), ...options });
  const clientId = '9d6a1c55-0000-4000-8000-00000000a11c';
  const token = sim.issueToken({ clientId, roles: ALL_FIXTURE_ROLES });
  const { call } = httpClient(sim.ca);
  return {
    sim,
    token,
    clientId,
    call,
    get: (path, headers = {}) =>
      call(path.startsWith('https://') ? path : `${sim.url}${path}`, {
        headers: { authorization: `Bearer ${token}`, ...headers },
      }),
  };
}
