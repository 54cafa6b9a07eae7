"""supportcore: software vendors' support terms as executable, explainable policy."""
__version__ = "0.1.0"
