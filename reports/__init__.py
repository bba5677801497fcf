"""reports: localized PDF briefs on digital-services exports."""

__version__ = "0.1.0"
