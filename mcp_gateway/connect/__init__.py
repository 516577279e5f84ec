"""Projects, developer auth, external users, accounts and the credential vault."""
