"""Shared fixtures: postgres (registered in conftest.py through pytest_plugins)."""
