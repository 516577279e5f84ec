"""Configuring and running an action for one user."""
