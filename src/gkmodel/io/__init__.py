"""Serialization at the edges: canonical JSON, the cells export and JSON Schema."""
