"""Pages people open in a browser: the Connect Link flow."""
