"""The MCP server: transports, request parameters, tool modes."""
