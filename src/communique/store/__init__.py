"""store stage (see docs/design.md)."""
