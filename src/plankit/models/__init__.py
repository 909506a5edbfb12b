"""Pydantic input models, one module per document kind; shared types in ``common``."""
