"""query stage (see docs/design.md)."""
