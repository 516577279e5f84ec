"""Database models, migrations and data access."""
