"""Email delivery of briefs: recipients, messages, SMTP transport, delivery log, orchestration."""
