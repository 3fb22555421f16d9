"""Ringkas: grounded structured briefings from regional-government news."""

__version__ = "0.1.0"
