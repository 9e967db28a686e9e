// The server's one source of "now". Sharing links and grants expire, so what counts as exposure
// depends on the time: every tool reads it here, once a call, and tests fix it
// (createSharepointServer({ now })) instead of depending on the wall clock.
export type Now = () => number;

export const systemNow: Now = () => Date.now();
