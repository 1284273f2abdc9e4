"""Vais backend layer."""
