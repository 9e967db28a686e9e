// Public API of @m365-mcp/graph-sim.
export {};
