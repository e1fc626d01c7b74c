"""Reliability harness: the crash-test child, the consistency checker, the plaintext leak scanner and the
input mutators shared by the CI tests (tests/reliability), the soak run (tests/reliability/soak.py) and the
atheris targets (fuzz/)."""
