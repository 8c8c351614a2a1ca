"""Widgets of the innsikt app."""
