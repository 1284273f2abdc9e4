"""Vais cli layer."""
