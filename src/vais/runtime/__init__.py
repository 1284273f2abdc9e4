"""Vais runtime layer."""
