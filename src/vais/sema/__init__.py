"""Semantic analysis: modules and names, static types with inference, generics, traits,
exhaustiveness. `analyse` turns an entry file into a typed `Program` plus diagnostics."""

from vais.sema.analysis import Analysis, analyse

__all__ = ["Analysis", "analyse"]
