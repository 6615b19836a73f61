"""Evaluation of each extractor against public gold data (PolNeAR, TimeML, LGL/GeoVirus, ...).

Owns: reading gold formats and scoring. Each task module exposes
``evaluate(path: Path, settings: Settings, **options) -> EvalReport``; the CLI renders the report.
Must not print, and must never be needed at run time of the product.
"""
