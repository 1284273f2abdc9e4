"""Vais registry layer."""
