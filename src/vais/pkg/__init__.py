"""Vais pkg layer."""
