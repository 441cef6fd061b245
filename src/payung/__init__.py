"""Payung: Universal Coverage Jamsostek for an Indonesian regency."""

__version__ = "0.1.0"
