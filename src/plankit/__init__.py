"""plankit: drafts the documents public workforce systems run on."""

__version__ = "0.1.0"
