"""The case and advice records: lists, editors, evidence, history."""
