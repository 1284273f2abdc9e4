"""Vais backend python layer."""
