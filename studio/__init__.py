"""The Streamlit side of the studio: shared resources, the sidebar, and page building blocks.

Pages read widgets, call ``optimizer`` and render; nothing here computes what the core computes.
"""
