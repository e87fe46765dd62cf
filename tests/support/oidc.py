"""Shared fixtures: oidc (registered in conftest.py through pytest_plugins)."""
