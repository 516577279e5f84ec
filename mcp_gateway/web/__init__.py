"""Pages people open in a browser."""
