"""Case and advice records: saving, history, attachments (``service``) and reading officers' input (``intake``)."""
