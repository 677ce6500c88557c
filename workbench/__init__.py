"""workbench: align English and Spanish articles sentence by sentence, review, export."""

__version__ = "0.1.0"
