/** The environment variable that holds the bearer token(s) clients send over --http. */
export const httpTokenVariable = 'M365_MCP_HTTP_TOKEN';
