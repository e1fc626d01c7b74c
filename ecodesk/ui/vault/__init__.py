"""Opening and protecting a vault: unlock, create, passphrase fields and dialogs, the automatic lock."""
