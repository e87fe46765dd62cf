"""Shared fixtures: studio (registered in conftest.py through pytest_plugins)."""
