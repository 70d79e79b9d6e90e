"""Data files bundled with rangemap (installed as ``rangemap.data``); see README.md here."""
