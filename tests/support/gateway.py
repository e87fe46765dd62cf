"""Shared fixtures: gateway (registered in conftest.py through pytest_plugins)."""
