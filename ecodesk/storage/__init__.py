"""The vault on disk: SQLCipher database, key slots, attachments, audit log. SQL lives only here."""
