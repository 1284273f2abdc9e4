"""Vais syntax layer."""
