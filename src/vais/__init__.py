"""The Vais toolchain."""

__version__ = "0.1.0"
