"""Composition root: settings, the app factory (REST router + NiceGUI), the CLI."""
