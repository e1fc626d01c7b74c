"""Cryptography of the vault and of packages. Only standard constructions from well-kept libraries:
Argon2id (argon2-cffi), AES-256-GCM, Ed25519, ECDSA P-256 and X.509 (cryptography), age (pyrage)."""
