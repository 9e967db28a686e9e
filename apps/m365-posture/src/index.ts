// Public API of @m365-mcp/m365-posture.
export {};
