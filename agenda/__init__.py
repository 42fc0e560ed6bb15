"""agenda: turn conference schedule pages into a personal calendar.

The library is the product; the CLI (agenda.cli) is a thin layer over agenda.pipeline.
"""

__version__ = "0.1.0"
