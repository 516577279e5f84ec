from mcp_gateway.cli import main

main()
