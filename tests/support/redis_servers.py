"""Shared fixtures: redis_servers (registered in conftest.py through pytest_plugins)."""
