"""Training commands for the learned components (``communique train ...``).

Owns: fitting models from annotated data and writing their artifacts. Must not: be imported by
the pipeline at run time (the pipeline loads the shipped artifacts).
"""
