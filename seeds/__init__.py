"""Example articles bundled with rangemap (installed as ``rangemap.seeds``)."""
