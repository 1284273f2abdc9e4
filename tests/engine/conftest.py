import pytest


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory):
    """One bytecode cache for the whole session (each xdist worker gets its own)."""
    return tmp_path_factory.mktemp("vais-cache")
