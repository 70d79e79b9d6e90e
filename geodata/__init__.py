"""Data files bundled with rangemap (installed as ``rangemap.geodata``); see README.md here."""
