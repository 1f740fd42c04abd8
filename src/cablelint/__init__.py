"""cablelint: a validator and linter for diplomatic cables kept as plain text."""

__version__ = "0.1.0"
__url__ = "https://github.com/cablelint/cablelint"  # [project.urls] Homepage in pyproject.toml
