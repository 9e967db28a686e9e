import { packageTestConfig } from '../../vitest.shared';

export default packageTestConfig('m365-identity');
