"""Localization: locale resolution, message catalogs, number/date formatting, RTL text."""
