"""Database layer: models, engine/session handling, Alembic migrations."""
