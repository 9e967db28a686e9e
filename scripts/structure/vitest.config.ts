import { packageTestConfig } from '../../vitest.shared.ts';

// Checks on the shape of the whole repository (one home per contract, named package entries, no
// import circles): they read the packages' sources as text and run with every package's tests.
export default packageTestConfig('structure');
