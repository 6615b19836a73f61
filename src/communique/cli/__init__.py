"""cli stage (see docs/design.md)."""
