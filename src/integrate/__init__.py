"""Integrate: a private companion for the days between ketamine-assisted therapy sessions."""

__version__ = "0.1.0"
APP_NAME = "Integrate"
