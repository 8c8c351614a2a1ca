"""Screens of the innsikt app."""
