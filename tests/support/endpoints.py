"""Shared fixtures: endpoints (registered in conftest.py through pytest_plugins)."""
