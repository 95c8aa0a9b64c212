"""Tandem: a partnership workspace for a person and their boss."""

__version__ = "0.1.0"
