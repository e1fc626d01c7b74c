"""Exchange with other offices: encrypted packages and the contacts they are sent to."""
