"""Signed memos."""
