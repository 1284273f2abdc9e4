"""Vais sema layer."""
